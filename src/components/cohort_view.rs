use std::cell::Cell;
use std::rc::Rc;

use tapis_profile::cohort::{Attribute, Cohort, Comparing, Comparison, LEVEL};
use tapis_profile::export::interval_words;
use tapis_profile::format::format_difference;
use tapis_profile::report::Report;
use web_sys::HtmlSelectElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{Duration, Later, LogAxis};
use crate::edge::tasks::{in_tasks, next_task};
use crate::ids::use_id;
use crate::insights::cohorts::{
    cohort_label, selectors, settle, Choice, CohortModel, CohortSpreads, Menu, MenusCounting,
    PickBy, REST,
};
use crate::insights::normal::Spread;
use crate::insights::JobPick;
use crate::model::words::{count, format_share, thousands};
use crate::shared::Shared;

/// Attributes shown, most different first.
const MAX_ATTRIBUTES: usize = 8;

#[derive(PartialEq, Properties)]
pub struct CohortViewProps {
    pub report: Shared<Report>,
    /// The UUIDs of the jobs the page's filters show, when a filter is on: they
    /// can be compared with the rest.
    #[prop_or_default]
    pub shown: Option<Shared<Vec<String>>>,
    /// Show these jobs (by UUID): one cohort's.
    pub on_select_jobs: Callback<JobPick>,
}

/// Two cohorts side by side (did version 1.3 stage faster? is this queue worse?):
/// pick an attribute and a value for each (or the jobs the filters show against
/// the rest); each state's and bucket's spread in both on one log axis, the
/// medians and P90s with the difference and its bootstrap interval, and the
/// attributes the two differ in most. The numbers are the core's, as the CLI's
/// `compare` prints them; which cohorts are picked is this view's own business.
#[function_component(CohortView)]
pub fn cohort_view(props: &CohortViewProps) -> Html {
    let by_id = use_id("cohort-by");
    let a_id = use_id("cohort-a");
    let b_id = use_id("cohort-b");
    let wanted = use_state(|| None::<Choice>);
    // Counted a few attributes a task after the view appears (and again when the
    // report changes): all at once they were ~90 ms of one task at 50,000 jobs.
    // With the report they were counted from: another's are not offered meanwhile.
    let menus = use_state_eq(|| None::<(Shared<Report>, Shared<Vec<Menu>>)>);
    {
        let menus = menus.clone();
        use_effect_with(props.report.clone(), move |report| {
            let gone = Rc::new(Cell::new(false));
            let of = report.clone();
            let done = Callback::from(move |counted| menus.set(Some((of.clone(), counted))));
            spawn_local(count_menus(report.clone(), gone.clone(), done));
            move || gone.set(true)
        });
    }
    let current = (*menus).as_ref().filter(|(of, _)| *of == props.report);
    let Some(menus) = current.map(|(_, menus)| menus.clone()) else {
        return html! {
            <section class="insight cohorts" aria-labelledby="cohorts-title">
                <h2 id="cohorts-title">{ "Compare cohorts" }</h2>
                <p class="later" aria-busy="true">{ "Counting the jobs' attributes…" }</p>
            </section>
        };
    };
    let shown_len = props.shown.as_ref().map(|s| s.len());
    let choice = settle(&menus, wanted.as_ref(), shown_len);
    let Some(choice) = choice else {
        return html! {
            <section class="insight cohorts" aria-labelledby="cohorts-title">
                <h2 id="cohorts-title">{ "Compare cohorts" }</h2>
                <p class="lead">{ "Every job counted shares every attribute (app version, queue, status…): \
                    there are no two cohorts to compare. Load jobs of two app versions or queues, or \
                    filter the jobs to compare them with the rest." }</p>
            </section>
        };
    };
    let set = {
        let wanted = wanted.clone();
        move |change: fn(&mut Choice, String), current: Choice| {
            let wanted = wanted.clone();
            Callback::from(move |e: Event| {
                let mut next = current.clone();
                change(
                    &mut next,
                    e.target_unchecked_into::<HtmlSelectElement>().value(),
                );
                wanted.set(Some(next));
            })
        }
    };
    let on_by = {
        let wanted = wanted.clone();
        let menus = menus.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let next = match PickBy::from_value(&value) {
                Some(PickBy::Shown) => Some(Choice {
                    by: PickBy::Shown,
                    a: String::new(),
                    b: REST.into(),
                }),
                Some(PickBy::Facet(f)) => menus.iter().find(|m| m.facet == f).map(|m| {
                    let rest_or_second = m.values.get(1).map_or(REST.to_string(), |v| v.0.clone());
                    Choice {
                        by: PickBy::Facet(f),
                        a: m.values[0].0.clone(),
                        b: rest_or_second,
                    }
                }),
                None => None,
            };
            wanted.set(next);
        })
    };
    // A value B had: the two swap, so that A and B never pick the same jobs.
    let on_a = set(
        |c, v| {
            if c.b == v {
                c.b = std::mem::take(&mut c.a);
            }
            c.a = v;
        },
        choice.clone(),
    );
    let on_b = set(|c, v| c.b = v, choice.clone());
    let facet_menu = match &choice.by {
        PickBy::Facet(f) => menus.iter().find(|m| m.facet == *f),
        PickBy::Shown => None,
    };
    let shown_count = shown_len.unwrap_or(0);
    let label_a = cohort_label(&choice, true, shown_count);
    let label_b = cohort_label(&choice, false, shown_count);
    html! {
        <section class="insight cohorts" aria-labelledby="cohorts-title">
            <h2 id="cohorts-title">{ "Compare cohorts" }</h2>
            <p class="lead">
                { "Two groups of the jobs counted side by side: how each state's time is spread in \
                   both, the medians and P90s per job with B's difference from A and how sure it is, \
                   and the job attributes the two differ in most." }
            </p>
            <div class="normal-controls cohort-controls">
                <span class="control">
                    <label for={by_id.clone()}>{ "Compare by" }</label>
                    <select id={by_id} onchange={on_by}>
                        { for menus.iter().map(|m| html! {
                            <option value={m.facet.key()} selected={choice.by == PickBy::Facet(m.facet)}>
                                { m.facet.label() }
                            </option>
                        }) }
                        if shown_len.is_some() {
                            <option value="shown" selected={choice.by == PickBy::Shown}>
                                { "The jobs the filters show" }
                            </option>
                        }
                    </select>
                </span>
                if let Some(menu) = facet_menu {
                    <span class="control">
                        <label for={a_id.clone()}>{ "A" }</label>
                        <select id={a_id} onchange={on_a}>
                            { for menu.values.iter().map(|(v, n)| html! {
                                <option value={v.clone()} selected={*v == choice.a}>
                                    { format!("{v} ({})", thousands(*n)) }
                                </option>
                            }) }
                        </select>
                    </span>
                    <span class="control">
                        <label for={b_id.clone()}>{ "B" }</label>
                        <select id={b_id} onchange={on_b}>
                            { for menu.values.iter().filter(|(v, _)| *v != choice.a).map(|(v, n)| html! {
                                <option value={v.clone()} selected={*v == choice.b}>
                                    { format!("{v} ({})", thousands(*n)) }
                                </option>
                            }) }
                            <option value={REST} selected={choice.b == REST}>{ "All the rest" }</option>
                        </select>
                    </span>
                }
            </div>
            // The comparison in a task of its own after the menus, the first time: the
            // two together were ~360 ms of one task at 50,000 jobs (docs/performance.md, P6).
            <Later what="Comparing the cohorts">
                <CohortComparison report={props.report.clone()} {choice} shown={props.shown.clone()}
                    {label_a} {label_b} on_select_jobs={props.on_select_jobs.clone()} />
            </Later>
        </section>
    }
}

/// The cohort menus of `report`'s jobs counted a few attributes a task, to `done` unless
/// the view has moved on (`gone`).
async fn count_menus(
    report: Shared<Report>,
    gone: Rc<Cell<bool>>,
    done: Callback<Shared<Vec<Menu>>>,
) {
    let mut counting = MenusCounting::new(&report);
    if in_tasks(&gone, || counting.step()).await && next_task(&gone).await {
        done.emit(Shared::new(counting.menus));
    }
}

#[derive(PartialEq, Properties)]
struct CohortComparisonProps {
    report: Shared<Report>,
    choice: Choice,
    shown: Option<Shared<Vec<String>>>,
    label_a: String,
    label_b: String,
    on_select_jobs: Callback<JobPick>,
}

/// The chosen cohorts compared: the plot, the table and the attributes, or why not.
/// Compared a part a task (the cohorts picked, the rows, the attributes ranked), then
/// shown in the next; again when the choice changes, "Comparing…" until then.
#[function_component(CohortComparison)]
fn cohort_comparison(props: &CohortComparisonProps) -> Html {
    // With the inputs it was made from: until the next is made, the last must not be
    // drawn against another report (its members are indices into that report's jobs).
    let model = use_state_eq(|| None::<(Inputs, Compared)>);
    let inputs: Inputs = (
        props.report.clone(),
        props.choice.clone(),
        props.shown.clone(),
    );
    {
        let model = model.clone();
        use_effect_with(inputs.clone(), move |inputs| {
            let gone = Rc::new(Cell::new(false));
            let made_of = inputs.clone();
            let done = Callback::from(move |compared| model.set(Some((made_of.clone(), compared))));
            spawn_local(compare_in_steps(inputs.clone(), gone.clone(), done));
            move || gone.set(true)
        });
    }
    match (*model)
        .as_ref()
        .filter(|(made_of, _)| *made_of == inputs)
        .map(|(_, c)| c)
    {
        None => html! { <p class="later" aria-busy="true">{ "Comparing the cohorts…" }</p> },
        Some(Ok(m)) => comparison(
            &props.report,
            m,
            (&props.label_a, &props.label_b),
            &props.on_select_jobs,
        ),
        Some(Err(why)) => html! { <p class="empty" role="status">{ why.clone() }</p> },
    }
}

/// The cohorts compared, or why they cannot be.
type Compared = Result<Shared<CohortModel>, String>;

/// What a comparison is made from: the report, the choice, the jobs the filters show.
type Inputs = (Shared<Report>, Choice, Option<Shared<Vec<String>>>);

/// [`CohortModel::new`] a part a task (`Comparing`'s steps), to `done` unless the view
/// has moved on (`gone`): at 50,000 jobs the parts together were ~190 ms of one task.
async fn compare_in_steps(
    (report, choice, shown): Inputs,
    gone: Rc<Cell<bool>>,
    done: Callback<Compared>,
) {
    if !next_task(&gone).await {
        return;
    }
    let shown: &[String] = shown.as_ref().map_or(&[], |s| s.as_slice());
    let (a, b) = selectors(&choice, shown);
    let mut comparing = match Comparing::new(&report, &a, &b) {
        Ok(comparing) => comparing,
        Err(why) => return done.emit(Err(why)),
    };
    if !(in_tasks(&gone, || comparing.step()).await && next_task(&gone).await) {
        return;
    }
    let (comparison, members) = comparing.finish();
    done.emit(Ok(Shared::new(CohortModel {
        comparison,
        members,
    })));
}

fn comparison(
    report: &Shared<Report>,
    m: &Shared<CohortModel>,
    (label_a, label_b): (&str, &str),
    on_select: &Callback<JobPick>,
) -> Html {
    let c = &m.comparison;
    let side = |name: &str, label: &str, which: fn(&Comparison) -> &Cohort| {
        let cohort = which(c);
        // Its jobs listed when the button is pressed, not copied into it on every render.
        let onclick = {
            let (m, label) = (m.clone(), format!("cohort {name}, {label}"));
            on_select
                .reform(move |_| JobPick::of_shared(label.clone(), &which(&m.comparison).uuids))
        };
        html! {
            <li class={format!("cohort-side side-{}", name.to_lowercase())} data-side={name.to_string()}>
                <span class="swatch" aria-hidden="true" />
                <strong>{ format!("{name}: ") }</strong>{ label.to_string() }
                { format!(" — {}, {} with a history ", count(cohort.jobs, "job"), thousands(cohort.with_history)) }
                <button type="button" class="link" {onclick}>{ format!("Show {name}'s jobs") }</button>
            </li>
        }
    };
    html! {
        <>
            <ul class="cohort-sides">
                { side("A", label_a, |c| &c.a) }
                { side("B", label_b, |c| &c.b) }
            </ul>
            // The spreads in a task of their own after the table's numbers, the first time.
            <Later what="Drawing the spreads">
                <CohortPlot report={report.clone()} model={m.clone()} />
            </Later>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Per job, B against A">
                <table class="stats-table cohort-table">
                    <caption>{ "Per job, B against A" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "State or bucket" }</th>
                            <th scope="col" class="num">{ "A median" }</th>
                            <th scope="col" class="num">{ "B median" }</th>
                            <th scope="col" class="num">{ "Difference" }</th>
                            <th scope="col" class="num">{ format!("{:.0} % interval", LEVEL * 100.0) }</th>
                            <th scope="col" class="num">{ "A P90" }</th>
                            <th scope="col" class="num">{ "B P90" }</th>
                            <th scope="col" class="num">{ "P90 difference" }</th>
                            <th scope="col">{ "What it says" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for c.rows.iter().map(|r| html! {
                            <tr data-metric={r.metric.key()} class={format!("verdict-{}", r.verdict.key())}>
                                <th scope="row">{ r.metric.label() }</th>
                                <td class="num a-median">{ seconds(r.a.as_ref().map(|s| s.median)) }</td>
                                <td class="num b-median">{ seconds(r.b.as_ref().map(|s| s.median)) }</td>
                                <td class="num difference">{ difference(r.median_difference) }</td>
                                <td class="num interval">{ interval_words(r.interval) }</td>
                                <td class="num a-p90">{ seconds(r.a.as_ref().map(|s| s.p90)) }</td>
                                <td class="num b-p90">{ seconds(r.b.as_ref().map(|s| s.p90)) }</td>
                                <td class="num p90-difference">{ difference(r.p90_difference) }</td>
                                <td class="cohort-verdict">{ r.verdict.words() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="method">{ c.method.clone() }</p>
            if !c.attributes.is_empty() {
                <h3>{ "Attributes that differ most" }</h3>
                <p class="muted">{ "Each attribute's values as a share of A and of B, most different first \
                    (total variation distance: 0 when the two are spread alike, 1 when they share no value)." }</p>
                <ol class="cohort-attributes">
                    { for c.attributes.iter().take(MAX_ATTRIBUTES).map(attribute) }
                </ol>
            }
        </>
    }
}

#[derive(PartialEq, Properties)]
struct CohortPlotProps {
    report: Shared<Report>,
    model: Shared<CohortModel>,
}

/// Each row's spread in A (above) and B (below) on the shared log axis: a box from
/// P25 to P75, the median, the P90, whiskers to the shortest and longest.
#[function_component(CohortPlot)]
fn cohort_plot(props: &CohortPlotProps) -> Html {
    let plot = use_memo(
        (props.report.clone(), props.model.clone()),
        |(report, model)| CohortSpreads::of(report, model),
    );
    let m = &props.model;
    let scale = plot.scale;
    let x = |s: f64| scale.at(s) * 1000.0;
    let boxes = |s: &Spread, y: f64, class: &str| {
        html! {
            <g class={class.to_string()}>
                <line class="whisker" x1={num(x(s.min))} x2={num(x(s.max))} y1={num(y + 5.0)} y2={num(y + 5.0)}
                    vector-effect="non-scaling-stroke" />
                <rect class="box" x={num(x(s.p25))} width={num((x(s.p75) - x(s.p25)).max(2.0))}
                    y={num(y + 1.0)} height="8" />
                <line class="median" x1={num(x(s.median))} x2={num(x(s.median))} y1={num(y)} y2={num(y + 10.0)}
                    vector-effect="non-scaling-stroke" />
                <line class="p90" x1={num(x(s.p90))} x2={num(x(s.p90))} y1={num(y + 2.0)} y2={num(y + 8.0)}
                    vector-effect="non-scaling-stroke" />
            </g>
        }
    };
    html! {
        <figure class="distribution cohort-dist">
            <figcaption>
                { "Spread per job on a logarithmic scale, " }
                <span class="key-a" aria-hidden="true" />{ " A above, " }
                <span class="key-b" aria-hidden="true" />{ " B below: boxes P25 to P75, a line at the median, \
                    a tick at P90, whiskers to the shortest and longest. The table below has the numbers." }
            </figcaption>
            <div class="dist-grid" aria-hidden="true">
                <span />
                <LogAxis {scale} />
                { for m.comparison.rows.iter().zip(&plot.spreads).map(|(row, (a, b))| html! {
                    <>
                        <span class="dist-label">{ row.metric.label() }</span>
                        <svg class="dist-plot cohort-plot" viewBox="0 0 1000 24" preserveAspectRatio="none"
                            data-metric={row.metric.key()}>
                            { for scale.ticks().into_iter().map(|(at, _)| html! {
                                <line class="grid" x1={num(at * 1000.0)} x2={num(at * 1000.0)} y1="0" y2="24"
                                    vector-effect="non-scaling-stroke" />
                            }) }
                            { for a.as_ref().map(|s| boxes(s, 1.0, "side-a")) }
                            { for b.as_ref().map(|s| boxes(s, 13.0, "side-b")) }
                        </svg>
                    </>
                }) }
            </div>
        </figure>
    }
}

fn attribute(a: &Attribute) -> Html {
    html! {
        <li data-key={a.key.clone()}>
            <div class="attribute-head">
                <span class="attribute-name">{ a.label.clone() }</span>
                <span class="attribute-score">{ format!("{:.2}", a.score) }</span>
            </div>
            <table class="attribute-values">
                <caption class="visually-hidden">{ format!("{}: share of A and of B", a.label) }</caption>
                <thead class="visually-hidden">
                    <tr><th scope="col">{ "Value" }</th><th scope="col">{ "A" }</th><th scope="col">{ "B" }</th></tr>
                </thead>
                <tbody>
                    { for a.values.iter().map(|s| html! {
                        <tr>
                            <th scope="row">{ s.value.clone() }</th>
                            <td class="share-a">
                                <span class="share-bar" style={format!("width: {:.1}%", s.a * 100.0)} aria-hidden="true" />
                                <data value={s.a.to_string()}>{ format_share(s.a) }</data>
                            </td>
                            <td class="share-b">
                                <span class="share-bar" style={format!("width: {:.1}%", s.b * 100.0)} aria-hidden="true" />
                                <data value={s.b.to_string()}>{ format_share(s.b) }</data>
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </li>
    }
}

fn seconds(v: Option<f64>) -> Html {
    match v {
        Some(v) => html! { <data value={v.to_string()}><Duration seconds={v} /></data> },
        None => html! { "—" },
    }
}

fn difference(v: Option<f64>) -> Html {
    match v {
        Some(v) => html! { <data value={v.to_string()}>{ format_difference(v) }</data> },
        None => html! { "—" },
    }
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}
