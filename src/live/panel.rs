use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::{Interval, Timeout};
use yew::prelude::*;

use super::connect_form::{ConnectForm, ConnectRequest};
use super::failure_list::FailureList;
use super::fetch_progress::FetchProgress;
use super::job_picker::JobPicker;
use super::listing_form::ListingForm;
use super::model::api::{history_input, Filters, JOBS_INPUT};
use super::model::panel_reducer::{Busy, Forget, LiveAction, LiveState, Notice};
use super::model::schedule::Policy;
use super::model::session;
use super::model::tenant::DEFAULT_BASE_URL;
use super::runner::{Credentials, RunEvent, Runner};
use super::session_bar::SessionBar;
use crate::edge::clock;

#[derive(PartialEq, Properties)]
pub struct LivePanelProps {
    /// The tenant to start with (`AppProps::tenant_origin`); DesignSafe's when `None`.
    #[prop_or_default]
    pub tenant: Option<AttrValue>,
    /// Mounted as a component of another page (`embed.js`): that page's scripts can read
    /// what is typed here, and the panel says so.
    #[prop_or_default]
    pub in_component: bool,
    /// Job data for the app, as `(input name, text)` in formats the core reads: the search
    /// pages as `tapis:jobs`, each job's history pages as `tapis:history:<uuid>`. Names are
    /// stable: a later delivery under the same name replaces the earlier one.
    pub on_import: Callback<Vec<(String, String)>>,
}

/// Live Tapis: connect with a token, list jobs, fetch their histories.
///
/// The token lives in this component's memory only (`vault`), never in its state or
/// props: it goes to `Runner`s, which alone send it.
#[function_component(LivePanel)]
pub fn live_panel(props: &LivePanelProps) -> Html {
    let state = use_reducer(LiveState::default);
    let controls = Controls {
        dispatch: state.dispatcher(),
        vault: use_mut_ref(|| None),
        runner: use_mut_ref(|| None),
        expiry: use_mut_ref(|| None),
        on_import: props.on_import.clone(),
    };
    // Leaving the page (or a host destroying the component) wipes the token and drops the
    // run (which aborts what is in flight) without reporting to an app that is going away.
    {
        let c = controls.clone();
        use_effect_with((), move |_| {
            move || {
                c.vault.borrow_mut().take();
                c.expiry.borrow_mut().take();
                c.runner.borrow_mut().take();
            }
        });
    }
    // The token's time left, and expiry, stay right while connected.
    let redraw = use_force_update();
    {
        let connected = state.session.is_some();
        use_effect_with(connected, move |connected| {
            let timer = connected.then(|| Interval::new(30_000, move || redraw.force_update()));
            move || drop(timer)
        });
    }
    // A refresh's listing arrived: fetch what changed.
    {
        let (c, s) = (controls.clone(), state.clone());
        use_effect_with(state.fetch_due, move |due| {
            if *due {
                c.fetch(&s, s.to_fetch());
            }
        });
    }

    let now = clock::now_s();
    let (base_url, tenant_id) =
        state.connect_defaults(props.tenant.as_deref().unwrap_or(DEFAULT_BASE_URL));
    let connected = state.session.is_some();
    let idle = state.busy.is_none();

    let on_connect = {
        let (c, s) = (controls.clone(), state.clone());
        Callback::from(move |req: ConnectRequest| c.connect(&s, req))
    };
    let on_forget = {
        let c = controls.clone();
        Callback::from(move |()| c.forget(Forget::Asked))
    };
    let on_filters = {
        let d = state.dispatcher();
        Callback::from(move |f: Filters| d.dispatch(LiveAction::SetFilters(f)))
    };
    let on_list = {
        let (c, s) = (controls.clone(), state.clone());
        Callback::from(move |()| c.list(&s, s.filters.clone(), false))
    };
    let on_refresh = {
        let (c, s) = (controls.clone(), state.clone());
        Callback::from(move |()| c.list(&s, s.filters.clone(), true))
    };
    let on_fetch = {
        let (c, s) = (controls.clone(), state.clone());
        Callback::from(move |()| c.fetch(&s, s.to_fetch()))
    };
    let on_cancel = {
        let c = controls.clone();
        Callback::from(move |()| c.cancel())
    };
    let on_retry = {
        let (c, s) = (controls.clone(), state.clone());
        Callback::from(move |uuid: String| c.retry(&s, vec![uuid]))
    };
    let on_retry_all = {
        let (c, s) = (controls.clone(), state.clone());
        Callback::from(move |()| c.retry(&s, s.failed.keys().cloned().collect()))
    };
    let on_toggle = {
        let d = state.dispatcher();
        Callback::from(move |uuid: String| d.dispatch(LiveAction::Toggle(uuid)))
    };
    let on_choose_all = {
        let d = state.dispatcher();
        Callback::from(move |all: bool| d.dispatch(LiveAction::ChooseAll(all)))
    };
    let on_concurrency = {
        let c = controls.clone();
        Callback::from(move |n: usize| c.set_concurrency(n))
    };

    let apps: Vec<AttrValue> = state.apps().into_iter().map(AttrValue::from).collect();
    let failures: Vec<(AttrValue, AttrValue, AttrValue)> = state
        .failures()
        .into_iter()
        .map(|(uuid, name, why)| (uuid.into(), name.into(), why.into()))
        .collect();

    html! {
        <details class="live-panel">
            <summary><h2>{ "Live from Tapis" }</h2>
                <span class="live-summary">{ state.summary() }</span>
            </summary>
            { notice(&state.notice) }
            if let Some(session) = &state.session {
                <SessionBar session={session.clone()} {now} {on_forget} />
                <ListingForm filters={state.filters.clone()} {apps} enabled={idle}
                    listed={state.listed} on_change={on_filters} {on_list} />
            } else {
                <ConnectForm base_url={AttrValue::from(base_url)} tenant_id={AttrValue::from(tenant_id)}
                    in_component={props.in_component} {on_connect} />
            }
            if let Some(words) = state.busy_words() {
                <p class="live-busy" role="status">{ words }</p>
            }
            if let Some(progress) = state.progress {
                <FetchProgress {progress} running={state.busy == Some(Busy::Fetching)}
                    stopped={state.stopped} {on_cancel} />
            }
            if state.listed && !state.jobs.is_empty() {
                <JobPicker jobs={state.jobs.clone()} title={state.listing_title()}
                    note={state.choice_note()} fetch_label={state.fetch_label()}
                    deselected={state.deselected.clone()} fetched={state.fetched.clone()}
                    failed={state.failed.clone()} to_fetch={state.to_fetch().len()}
                    enabled={connected && idle} concurrency={state.concurrency}
                    {on_toggle} {on_choose_all} {on_fetch} {on_refresh} {on_concurrency} />
            }
            <FailureList items={failures} enabled={connected} {on_retry} {on_retry_all} />
        </details>
    }
}

fn notice(notice: &Option<Notice>) -> Html {
    match notice {
        Some(Notice::Error(text)) => {
            html! { <p class="live-notice error" role="alert">{ text }</p> }
        }
        Some(Notice::Info(text)) => html! { <p class="live-notice" role="status">{ text }</p> },
        None => html! {},
    }
}

/// The panel's effects: the token vault, the current run, the expiry timer. Every method
/// is called from an event handler; state changes go through `dispatch`.
#[derive(Clone)]
struct Controls {
    dispatch: UseReducerDispatcher<LiveState>,
    /// The token: here, in memory only. `Rc` so runs share it; dropping the last copy
    /// wipes its bytes. With it, until when it may be sent.
    vault: Rc<RefCell<Option<Credentials>>>,
    runner: Rc<RefCell<Option<Runner>>>,
    expiry: Rc<RefCell<Option<Timeout>>>,
    on_import: Callback<Vec<(String, String)>>,
}

impl Controls {
    fn connect(&self, state: &LiveState, req: ConnectRequest) {
        let now = clock::now_s();
        let session = match session::connect(&req.url, &req.tenant_id, &req.token, now) {
            Ok(session) => session,
            // The refused token is dropped (and wiped) here.
            Err(why) => return self.dispatch.dispatch(LiveAction::Refused(why)),
        };
        // The timer forgets the token when sending must stop; the runner checks too, before
        // every request (a background tab's timers may fire late).
        let send_until_ms = session.send_until() as f64 * 1000.0;
        let left_ms = ((session.send_until() - now) * 1000).clamp(0, i64::from(i32::MAX)) as u32;
        *self.vault.borrow_mut() = Some(Credentials {
            token: Rc::new(req.token),
            send_until_ms,
        });
        let c = self.clone();
        *self.expiry.borrow_mut() = Some(Timeout::new(left_ms, move || c.forget(Forget::Expired)));
        let base = session.tenant.base_url.clone();
        self.dispatch.dispatch(LiveAction::Connected(session));
        self.start_listing(&base, state.filters.clone(), false, state.concurrency);
    }

    fn list(&self, state: &LiveState, filters: Filters, then_fetch: bool) {
        if let Some(session) = &state.session {
            self.start_listing(
                &session.tenant.base_url.clone(),
                filters,
                then_fetch,
                state.concurrency,
            );
        }
    }

    /// The token and its sending deadline, for a run.
    fn credentials(&self) -> Option<Credentials> {
        self.vault.borrow().clone()
    }

    fn start_listing(&self, base: &str, filters: Filters, then_fetch: bool, concurrency: usize) {
        let Some(credentials) = self.credentials() else {
            return;
        };
        self.dispatch
            .dispatch(LiveAction::ListingStarted { then_fetch });
        let run = Runner::listing(
            base,
            filters,
            credentials,
            policy(concurrency),
            self.events(),
        );
        *self.runner.borrow_mut() = Some(run);
    }

    fn fetch(&self, state: &LiveState, uuids: Vec<String>) {
        let (Some(session), Some(credentials)) = (&state.session, self.credentials()) else {
            return;
        };
        if uuids.is_empty() {
            return self.dispatch.dispatch(LiveAction::NothingToFetch);
        }
        self.dispatch
            .dispatch(LiveAction::FetchStarted(uuids.clone()));
        let run = Runner::histories(
            &session.tenant.base_url,
            &uuids,
            credentials,
            policy(state.concurrency),
            self.events(),
        );
        *self.runner.borrow_mut() = Some(run);
    }

    /// Retries failed jobs: in the run that is on, else in a new one.
    fn retry(&self, state: &LiveState, uuids: Vec<String>) {
        let added = match self.runner.borrow().as_ref() {
            Some(run) if run.running() => uuids.iter().all(|u| run.add(u)),
            _ => false,
        };
        if added {
            self.dispatch.dispatch(LiveAction::Retrying(uuids));
        } else if state.busy.is_none() {
            self.fetch(state, uuids);
        }
    }

    fn set_concurrency(&self, n: usize) {
        if let Some(run) = self.runner.borrow().as_ref() {
            run.set_concurrency(n);
        }
        self.dispatch.dispatch(LiveAction::SetConcurrency(n));
    }

    /// Stops the run; what arrived stays.
    fn cancel(&self) {
        let run = self.runner.borrow_mut().take();
        if let Some(run) = run {
            run.cancel();
        }
    }

    /// Wipes the token, stops the run (what arrived is delivered) and the expiry timer,
    /// and says why.
    fn forget(&self, why: Forget) {
        self.vault.borrow_mut().take();
        self.expiry.borrow_mut().take();
        self.cancel();
        self.dispatch.dispatch(LiveAction::Forget(why));
    }

    /// What a run reports, turned into app imports and panel actions.
    fn events(&self) -> Callback<RunEvent> {
        let c = self.clone();
        Callback::from(move |event: RunEvent| match event {
            RunEvent::Listed { text, jobs, total } => {
                c.on_import.emit(vec![(JOBS_INPUT.to_string(), text)]);
                c.dispatch.dispatch(LiveAction::Listed { jobs, total });
            }
            RunEvent::ListingFailed(why) => c.dispatch.dispatch(LiveAction::ListingFailed(why)),
            RunEvent::Histories(items) => {
                let uuids: Vec<String> = items.iter().map(|(uuid, _)| uuid.clone()).collect();
                c.on_import.emit(
                    items
                        .into_iter()
                        .map(|(uuid, text)| (history_input(&uuid), text))
                        .collect(),
                );
                c.dispatch.dispatch(LiveAction::Fetched(uuids));
            }
            RunEvent::Progress { progress, failures } => c
                .dispatch
                .dispatch(LiveAction::Progress { progress, failures }),
            RunEvent::Refused(why) => c.forget(Forget::Refused(why)),
            RunEvent::Expired => c.forget(Forget::Expired),
            RunEvent::Unreachable(why) => c.dispatch.dispatch(LiveAction::Unreachable(why)),
            RunEvent::Ended { cancelled } => {
                c.dispatch.dispatch(LiveAction::RunEnded { cancelled })
            }
        })
    }
}

fn policy(concurrency: usize) -> Policy {
    Policy {
        concurrency,
        ..Policy::default()
    }
}

/// `use_reducer`'s hook into the pure reducer (`model::panel_reducer`).
impl Reducible for LiveState {
    type Action = LiveAction;

    fn reduce(self: Rc<Self>, action: LiveAction) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}
