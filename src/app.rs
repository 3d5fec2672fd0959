use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::components::report_views;
use crate::components::{
    CohortViewProps, DataMovementViewProps, DataQualityProps, DiagnosticList, ExportMenuProps,
    Fold, GoodputViewProps, InputList, InputPanel, IoChecklistProps, JobDetailProps,
    JobFiltersProps, Later, LaterTurns, LiveSlotProps, LoadViewProps, NormalViewProps,
    OverviewProps, RecommendationListProps, ShownTimelineProps, SkipLinks,
};
use crate::edge::clock;
use crate::edge::color_scheme::use_prefers_dark;
use crate::edge::fetch::use_data_url;
use crate::edge::files::read_files;
use crate::edge::parse_worker::WorkerGate;
use crate::ids::use_id;
use crate::insights::JobPick;
use crate::model::loaded::input_rows;
use crate::model::page_reducer::{tick_interval_ms, Action, AppState};
use crate::model::quality::quality;
use crate::model::query::{select, FilterChange, Window};
use crate::model::sections::Section;
use crate::model::theme::Scheme;
use crate::model::totals::{shown_goodput, shown_totals};
use crate::props::AppProps;
use crate::shared::Shared;
use crate::timeline::model::TimeRange;

/// The whole app, top to bottom: the ways data comes in and what is loaded; the
/// overview; the jobs (filters, the timeline with its table, the selected job's
/// detail beside it); the insights; data quality. It owns the state (`state.rs`),
/// derives what each view needs, and wires the views' callbacks to actions.
/// `props` say how it was started (see `props.rs`): full page or embedded (each
/// part then a section that opens and closes, `components/fold.rs`), with the sample
/// or data to fetch, light or dark.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer({
        let sample = props.sample;
        move || {
            let state = AppState::default().apply(Action::SetClock(clock::now()));
            match sample {
                true => state.apply(Action::LoadSample),
                false => state,
            }
        }
    });
    // Every action goes in with the time it happened: imports measure open
    // states up to it (the reducer is pure, so the clock is read here). Made once, as
    // every callback made from it: a new one on every render (the time window set,
    // a keystroke in the paste box) would re-render every view it is passed to.
    let dispatch = use_callback(state.dispatcher(), |action: Action, state| {
        state.dispatch(Action::SetClock(clock::now()));
        state.dispatch(action);
    });
    use_data_url(props.data_url.clone(), dispatch.clone());
    // While a job is open its bar grows: re-measure on a clock.
    {
        let dispatcher = state.dispatcher();
        let every = state
            .any_open()
            .then(|| tick_interval_ms(state.report.jobs.len()));
        use_effect_with(every, move |every| {
            let interval = every.map(|ms| {
                Interval::new(ms, move || dispatcher.dispatch(Action::Tick(clock::now())))
            });
            move || drop(interval)
        });
    }
    // Each drop or pick is a batch of files read together, analysed ahead against
    // the state as last rendered.
    let batches = use_mut_ref(|| 0u32);
    let latest = use_mut_ref(|| None);
    *latest.borrow_mut() = Some(state.clone());
    // Whether this app may still parse in a worker (its own: invariant 20).
    let workers = use_state(WorkerGate::default);
    // The UTC window the timeline and the load chart show: one time axis, so
    // zooming or panning either moves both (each follows it in its own bounds).
    let time = use_state_eq(|| None::<TimeRange>);
    let on_time = use_callback(time.clone(), |t: TimeRange, time| time.set(Some(t)));
    // Bumped when the user opens a job, so the detail takes the focus then only.
    let focus = use_state(|| 0u32);

    let report = Shared::from(state.report.clone());
    let shown = use_memo(
        (report.clone(), state.filter.clone(), state.sort.clone()),
        |(report, filter, sort)| select(&report.jobs, filter, sort),
    );
    // The filters' counts and the timeline's rows are made in tasks of their own, after
    // this render (`JobFilters` and `ShownTimeline`, each in a `Later`).
    let filter_on = state.filter.is_active();
    let totals = use_memo(
        (report.clone(), shown.clone(), filter_on),
        |(report, shown, filter_on)| shown_totals(report, shown, *filter_on),
    );
    let goodput = use_memo(
        (report.clone(), shown.clone(), filter_on),
        |(report, shown, filter_on)| shown_goodput(report, shown, *filter_on),
    );
    let inputs = use_memo(
        (state.inputs.clone(), report.clone()),
        |(inputs, report)| Shared::new(input_rows(inputs, report)),
    );
    let quality = use_memo(report.clone(), |report| Shared::new(quality(report)));
    // The jobs the filters show, when they are on: a cohort to compare with the rest.
    let shown_uuids = use_memo(
        (report.clone(), shown.clone(), filter_on),
        |(report, shown, active)| {
            active.then(|| {
                Shared::new(
                    shown
                        .iter()
                        .map(|&i| report.jobs[i].uuid.to_string())
                        .collect(),
                )
            })
        },
    );
    let detail = use_memo((report.clone(), state.selected.clone()), |(report, id)| {
        let job = report.job(id.as_deref()?)?;
        let recommendations = report
            .recommendations
            .iter()
            .filter(|r| r.jobs.iter().any(|u| **u == *job.uuid))
            .map(|r| {
                (
                    AttrValue::from(r.id.clone()),
                    AttrValue::from(r.title.clone()),
                )
            })
            .collect::<Vec<_>>();
        Some((Shared(Rc::new(job.clone())), recommendations))
    });

    let on_edit = use_action(&dispatch, Action::Edit);
    let on_analyse = use_action(&dispatch, |()| Action::AnalyseDraft);
    let on_sample = use_action(&dispatch, |()| Action::LoadSample);
    let on_files = {
        let (dispatch, batches, latest) = (dispatch.clone(), batches.clone(), latest.clone());
        let workers = (*workers).clone();
        let worker_url = props.worker_url();
        Callback::from(move |files: Vec<web_sys::File>| {
            let batch = {
                let mut n = batches.borrow_mut();
                *n += 1;
                *n
            };
            read_files(
                files,
                batch,
                worker_url.clone(),
                workers.clone(),
                latest.clone(),
                dispatch.clone(),
            );
        })
    };
    let on_inputs = use_action(&dispatch, Action::AddInputs);
    let on_remove = use_action(&dispatch, Action::Remove);
    let on_clear = use_action(&dispatch, |()| Action::ClearAll);
    let on_filter = use_action(&dispatch, Action::Filter);
    let on_during = use_callback(dispatch.clone(), |w: Option<Window>, dispatch| {
        dispatch.emit(Action::Filter(FilterChange::During(w)))
    });
    let on_sort = use_action(&dispatch, Action::Sort);
    let on_select = use_callback(
        (dispatch.clone(), focus.clone()),
        |id: AttrValue, (dispatch, focus)| {
            focus.set(**focus + 1);
            dispatch.emit(Action::Select(Some(id.to_string())));
        },
    );
    let on_close = use_action(&dispatch, |()| Action::Select(None));
    let on_include_stale = use_action(&dispatch, Action::IncludeStale);
    let on_archived_share = use_action(&dispatch, Action::ArchivedShare);
    let on_rate = use_action(&dispatch, |(system, queue, rate)| Action::ChargeRate {
        system,
        queue,
        rate,
    });
    let on_select_jobs = use_callback(
        (dispatch.clone(), focus.clone()),
        |pick: JobPick, (dispatch, focus)| {
            // One job picked is opened: its detail then comes into view.
            if pick.jobs.len() == 1 {
                focus.set(**focus + 1);
            }
            dispatch.emit(Action::Mark {
                label: pick.label,
                jobs: pick.jobs,
            })
        },
    );
    let on_tick = use_callback(
        dispatch.clone(),
        |(item, checked): (String, bool), dispatch| dispatch.emit(Action::Check { item, checked }),
    );

    // Every view of a report, and Live from Tapis: a part of the page's wasm fetched once the
    // page runs (`ReportViews`); until then the data panel shows alone.
    let lower = use_state(report_views::at_once);
    {
        let lower = lower.clone();
        use_effect_with((), move |()| {
            if lower.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    lower.set(Some(report_views::report_views().await));
                });
            }
        });
    }
    let all = state.report.jobs.len();
    let has_jobs = all > 0;
    let scheme = props.theme.resolve(props.host_scheme, use_prefers_dark());
    let compact = props.embed;
    let sections = props.open_sections();
    // A job the person picked opens its detail; the only job, selected for them, does not.
    let open = |section: Section| {
        sections.starts_open(section, has_jobs) || (section == Section::Job && *focus > 0)
    };
    // Compact, the detail is a section of its own below the timeline, not beside it.
    let detail_beside = detail.is_some() && !compact;
    let job_detail = (*detail)
        .clone()
        .map(|(job, recommendations)| match &*lower {
            Some(v) => (v.detail)(yew::props!(JobDetailProps {
                job,
                recommendations,
                focus: *focus,
                on_close
            })),
            None => html! {},
        });
    // How many jobs the filter shows, when it is on: the insights say they count all.
    let filtered = filter_on.then_some(shown.len());
    // The sections' element ids, for the skip links (unique per app on the page).
    let anchors = use_id("tjp-section");
    // The views below the timeline render one a task, in turn (this app's own queue).
    let later_turns = use_state(LaterTurns::default);
    let anchor = |section: Section| AttrValue::from(format!("{anchors}-{}", section.name()));
    let skip_to: Vec<(AttrValue, &'static str)> = Section::ALL
        .into_iter()
        .filter(|s| !matches!(s, Section::Data | Section::Job))
        // Comparing and load over time are shown only for several jobs (below).
        .filter(|s| all > 1 || !matches!(s, Section::Cohorts | Section::Load))
        .map(|s| (anchor(s), s.title()))
        .collect();
    html! {
        <ContextProvider<Scheme> context={scheme}>
        <ContextProvider<LaterTurns> context={(*later_turns).clone()}>
        <div class={classes!("tjp", compact.then_some("tjp-embed"))}
            data-theme={scheme.name()} data-tenant={props.tenant_origin()}>
            // In a component's shadow root a link to `#id` goes nowhere: no skip links there.
            if has_jobs && !props.in_component {
                <SkipLinks sections={skip_to} />
            }
            if props.embed {
                <p class="embed-title"><strong>{ "Tapis Job Profiler" }</strong>
                    { " · computed in this browser; nothing is uploaded" }</p>
            } else {
                <header class="page-header">
                    <h1>{ "Tapis Job Profiler" }</h1>
                    <p>{ "See where your Tapis jobs spend their time. Everything is computed in this browser; nothing is uploaded." }</p>
                </header>
            }
            <main>
                <Fold section={Section::Data} {compact} open={open(Section::Data)}>
                <div class="data-in">
                    <InputPanel draft={AttrValue::from(state.draft.clone())} {on_edit} {on_analyse} {on_sample}
                        {on_files} busy={!state.reading.is_empty()}>
                        if let Some(v) = &*lower {
                            { (v.live)(yew::props!(LiveSlotProps { tenant: props.tenant_origin().map(AttrValue::from),
                                in_component: props.in_component, on_inputs })) }
                        }
                    </InputPanel>
                    <DiagnosticList diagnostics={state.notices.clone()} />
                    <InputList rows={(*inputs).clone()} reading={state.reading.clone()}
                        jobs={all} {on_remove} {on_clear} />
                </div>
                </Fold>
                if has_jobs {
                    <Fold section={Section::Overview} {compact} open={open(Section::Overview)} id={anchor(Section::Overview)}>
                        if let Some(v) = &*lower { { (v.overview)(yew::props!(OverviewProps { totals: (*totals).clone(), goodput: (*goodput).clone(), all, compact, stale: state.report.stale().count(),
                            include_stale: state.include_stale, on_include_stale })) } }
                    </Fold>
                    <Fold section={Section::Jobs} {compact} open={open(Section::Jobs)} id={anchor(Section::Jobs)}>
                    <section class="jobs" aria-label="Jobs">
                        // One job has nothing to sort or filter.
                        if all > 1 {
                            <Later what="Sort and filter">
                                if let Some(v) = &*lower { { (v.filters)(yew::props!(JobFiltersProps { report: report.clone(), filter: state.filter.clone(),
                                    sort: state.sort.clone(), shown: shown.len(), all, on_filter, on_sort })) } }
                            </Later>
                        }
                        <div class={classes!("jobs-layout", detail_beside.then_some("with-detail"))}>
                            <div class="jobs-main">
                                if shown.is_empty() {
                                    <p class="empty">{ "No job matches these filters." }</p>
                                } else {
                                    <Later what="Job timeline">
                                        if let Some(v) = &*lower { { (v.timeline)(yew::props!(ShownTimelineProps { report: report.clone(), shown: Shared::from(shown.clone()),
                                            selected: state.selected.clone().map(AttrValue::from), on_select,
                                            time: *time, on_time: on_time.clone() })) } }
                                    </Later>
                                }
                            </div>
                            if detail_beside { { job_detail.clone() } }
                        </div>
                    </section>
                    </Fold>
                    if compact && job_detail.is_some() {
                        // Anew for each job picked: it opens even if the last was closed.
                        <Fold key={*focus} section={Section::Job} {compact} open={open(Section::Job)}>
                            { job_detail }
                        </Fold>
                    }
                    // Each in a task of its own, after the timeline, when jobs first appear.
                    <Fold section={Section::Recommendations} {compact} open={open(Section::Recommendations)} id={anchor(Section::Recommendations)}>
                        <Later what="Recommendations">
                            if let Some(v) = &*lower { { (v.recommendations)(yew::props!(RecommendationListProps { report: report.clone(), shown: filtered,
                                on_select_jobs: on_select_jobs.clone() })) } }
                        </Later>
                    </Fold>
                    <Fold section={Section::DataMovement} {compact} open={open(Section::DataMovement)} id={anchor(Section::DataMovement)}>
                        <Later what="Data movement and goodput">
                            if let Some(v) = &*lower { { (v.data_movement)(yew::props!(DataMovementViewProps { report: report.clone(), on_select_jobs: on_select_jobs.clone(),
                                on_archived_share })) }
                            { (v.goodput)(yew::props!(GoodputViewProps { report: report.clone(), on_rate })) } }
                        </Later>
                    </Fold>
                    <Fold section={Section::Normal} {compact} open={open(Section::Normal)} id={anchor(Section::Normal)}>
                        <Later what="What is normal">
                            if let Some(v) = &*lower { { (v.normal)(yew::props!(NormalViewProps { report: report.clone(), shown: filtered, on_select_jobs: on_select_jobs.clone() })) } }
                        </Later>
                    </Fold>
                    // Comparing and load over time need several jobs (one job is all its own cohort).
                    if all > 1 {
                        <Fold section={Section::Cohorts} {compact} open={open(Section::Cohorts)} id={anchor(Section::Cohorts)}>
                            <Later what="Compare cohorts">
                                if let Some(v) = &*lower { { (v.cohorts)(yew::props!(CohortViewProps { report: report.clone(), shown: (*shown_uuids).clone(), on_select_jobs })) } }
                            </Later>
                        </Fold>
                        <Fold section={Section::Load} {compact} open={open(Section::Load)} id={anchor(Section::Load)}>
                            <Later what="Load and trends">
                                if let Some(v) = &*lower { { (v.load)(yew::props!(LoadViewProps { report: report.clone(), time: *time, on_time: on_time.clone(),
                                    during: state.filter.during, on_during })) } }
                            </Later>
                        </Fold>
                    }
                    <Fold section={Section::Checklist} {compact} open={open(Section::Checklist)} id={anchor(Section::Checklist)}>
                        <Later what="I/O checklist">
                            if let Some(v) = &*lower { { (v.checklist)(yew::props!(IoChecklistProps { report: report.clone(), shown: filtered,
                                ticks: Shared::from(state.checks.clone()), on_tick })) } }
                        </Later>
                    </Fold>
                    <Fold section={Section::Export} {compact} open={open(Section::Export)} id={anchor(Section::Export)}>
                        <Later what="Export">
                            if let Some(v) = &*lower { { (v.export)(yew::props!(ExportMenuProps { report: report.clone(), import: Shared::from(state.import.clone()),
                                ticks: Shared::from(state.checks.clone()), shown: Shared::from(shown.clone()) })) } }
                        </Later>
                    </Fold>
                    <Fold section={Section::Quality} {compact} open={open(Section::Quality)} id={anchor(Section::Quality)}>
                        <Later what="Data quality">
                            if let Some(v) = &*lower { { (v.quality)(yew::props!(DataQualityProps { quality: (*quality).clone() })) } }
                        </Later>
                    </Fold>
                }
            </main>
        </div>
        </ContextProvider<LaterTurns>>
        </ContextProvider<Scheme>>
    }
}

/// `use_reducer`'s hook into the pure reducer (`model::page_reducer`).
impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

/// `dispatch` with what `action` makes of the input, made once (as `dispatch` is).
#[hook]
fn use_action<IN: 'static>(dispatch: &Callback<Action>, action: fn(IN) -> Action) -> Callback<IN> {
    use_callback(dispatch.clone(), move |input: IN, dispatch| {
        dispatch.emit(action(input))
    })
}
