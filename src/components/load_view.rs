use tapis_profile::export::point_words;
use tapis_profile::load::{blocked_words, Load, Loading};
use tapis_profile::report::Report;
use tapis_profile::trends::{Trending, Trends};
use yew::prelude::*;

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;

use super::{Duration, Later, TrendChart};
use crate::edge::tasks::{in_tasks, next_task};
use crate::ids::use_id;
use crate::insights::trends::series_key;
use crate::model::query::Window;
use crate::model::words::{count, moment, short_uuid, thousands};
use crate::shared::Shared;
use crate::timeline::model::{LoadSeries, TimeRange};
use crate::timeline::LoadChart;

/// BLOCKED visits listed one by one (the CLI's JSON has them all).
const MAX_VISITS: usize = 50;

#[derive(PartialEq, Properties)]
pub struct LoadViewProps {
    pub report: Shared<Report>,
    /// The time window shared with the timeline (the page's).
    #[prop_or_default]
    pub time: Option<TimeRange>,
    #[prop_or_default]
    pub on_time: Callback<TimeRange>,
    /// The window the jobs are filtered to (brushed on the chart).
    #[prop_or_default]
    pub during: Option<Window>,
    #[prop_or_default]
    pub on_during: Callback<Option<Window>>,
}

/// Load over time and trends, as tables: the most jobs in each state at once,
/// each system and queue's peak of active jobs, every BLOCKED visit with the
/// user's jobs active around it and the advice, and each bucket's and queue's
/// wait per day or week. The core's numbers (`load`, `trends`), the same the
/// CLI's `load` and `trends` print, over the jobs counted.
#[function_component(LoadView)]
pub fn load_view(props: &LoadViewProps) -> Html {
    // Counted a part a task after the view appears (and again when the report
    // changes, the last counts shown until then): at 10,000 jobs the parts are
    // ~50–100 ms each, together ~270 ms (docs/performance.md, P6).
    let data = use_state_eq(|| None::<Shared<LoadData>>);
    {
        let data = data.clone();
        use_effect_with(props.report.clone(), move |report| {
            let gone = Rc::new(Cell::new(false));
            let done = Callback::from(move |counted| data.set(Some(counted)));
            spawn_local(count_in_steps(report.clone(), gone.clone(), done));
            move || gone.set(true)
        });
    }
    let tables_id = use_id("load-tables");
    let Some(data) = (*data).clone() else {
        return html! {
            <section class="insight load" aria-labelledby="load-title">
                <h2 id="load-title">{ "Load and trends" }</h2>
                <p class="later" aria-busy="true">{ "Counting the jobs in each state over time…" }</p>
            </section>
        };
    };
    let (l, _, series) = &*data;
    html! {
        <section class="insight load" aria-labelledby="load-title">
            <h2 id="load-title">{ "Load and trends" }</h2>
            <p class="lead">
                { format!("Over the {} counted with a history. ", count(l.jobs, "job")) }
                { "How many were in each state at once, how many were active on each system and \
                   queue (Tapis' quotas count active jobs: not ended, not BLOCKED or PAUSED), why \
                   jobs were BLOCKED, and whether waits grow from one period to the next." }
            </p>
            if !series.is_empty() {
                <LoadChart series={series.clone()} time={props.time} on_time={props.on_time.clone()}
                    during={props.during} on_during={props.on_during.clone()} tables_id={tables_id.clone()} />
            }
            // The tables in a task of their own after the chart, the first time.
            <Later what="Load and trends tables">
                <LoadTables {data} id={tables_id} />
            </Later>
        </section>
    }
}

/// The load of the jobs counted (its steps taken by the series), their trends, and the
/// chart's series of the load.
type LoadData = (Load, Rc<Trends>, Shared<LoadSeries>);

/// The load and the trends of `report`'s jobs counted, a part a task, then the chart's
/// series in a task of its own, and then (in the next) the view drawn from them, to
/// `done` unless the view has moved on (`gone`). At 50,000 jobs the trends, the series
/// and the view's first render were one task of ~250 ms.
async fn count_in_steps(
    report: Shared<Report>,
    gone: Rc<Cell<bool>>,
    done: Callback<Shared<LoadData>>,
) {
    let mut loading = Loading::new(report.counted());
    if !in_tasks(&gone, || loading.step()).await {
        return;
    }
    let mut load = loading.finish();
    let mut trending = Trending::new(report.counted());
    if !in_tasks(&gone, || trending.step()).await {
        return;
    }
    let trends = Rc::new(trending.finish());
    if !next_task(&gone).await {
        return;
    }
    let series = Shared::new(LoadSeries::taking(&mut load));
    if next_task(&gone).await {
        done.emit(Shared::new((load, trends, series)));
    }
}

#[derive(PartialEq, Properties)]
struct LoadTablesProps {
    data: Shared<LoadData>,
    id: AttrValue,
}

/// The tables and the trends: a component of their own, so zooming or panning the
/// shared time axis (which re-renders the chart) does not build them again.
#[function_component(LoadTables)]
fn load_tables(props: &LoadTablesProps) -> Html {
    let (l, t, series) = &*props.data;
    html! {
        <>
            <div id={props.id.clone()}>
                { blocked(l) }
                { peaks(l) }
                { states(series) }
            </div>
            <TrendChart trends={t.clone()} />
            { trend_table(t) }
        </>
    }
}

fn blocked(l: &Load) -> Html {
    let words = blocked_words(l);
    if words.is_empty() {
        return html! { <p class="load-blocked">{ "No job was BLOCKED." }</p> };
    }
    html! {
        <div class="load-blocked">
            <h3>{ "BLOCKED" }</h3>
            { for words.iter().map(|w| html! { <p>{ w.clone() }</p> }) }
            <details class="dist-table">
            <summary>{ format!("Each visit to BLOCKED ({})", thousands(l.blocked.len())) }</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label={"Each visit to BLOCKED"}>
                <table class="stats-table blocked-table">
                    <caption>{ if l.blocked.len() > MAX_VISITS {
                        format!("The first {MAX_VISITS} of {} visits to BLOCKED", thousands(l.blocked.len()))
                    } else {
                        "Each visit to BLOCKED".to_string()
                    } }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Job" }</th>
                            <th scope="col">{ "System and queue" }</th>
                            <th scope="col">{ "From (UTC)" }</th>
                            <th scope="col" class="num">{ "For" }</th>
                            <th scope="col" class="num">{ "Others active then" }</th>
                            <th scope="col" class="num">{ "Most meanwhile" }</th>
                            <th scope="col" class="num">{ "On the system then" }</th>
                            <th scope="col" class="num">{ "Blocked together" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for l.blocked.iter().take(MAX_VISITS).map(|v| html! {
                            <tr data-uuid={v.uuid.to_string()}>
                                <th scope="row" title={v.uuid.to_string()}>
                                    { v.name.as_deref().unwrap_or_else(|| short_uuid(&v.uuid)).to_string() }
                                </th>
                                <td>{ v.system_queue.clone() }</td>
                                <td>{ moment(&v.from) }</td>
                                <td class="num"><data value={v.seconds.to_string()}><Duration seconds={v.seconds} /></data>
                                    { if v.open { " (still)" } else { "" } }</td>
                                <td class="num active-then">{ v.active_when_blocked }</td>
                                <td class="num">{ v.most_active }</td>
                                <td class="num">{ v.active_on_system }</td>
                                <td class="num">{ v.blocked_together }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            </details>
        </div>
    }
}

fn peaks(l: &Load) -> Html {
    if l.peaks.is_empty() {
        return html! {};
    }
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={"Most jobs active at once"}>
            <table class="stats-table peak-table">
                <caption>{ "Most jobs active at once, per system and queue" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "System and queue" }</th>
                        <th scope="col" class="num">{ "Active" }</th>
                        <th scope="col">{ "From (UTC)" }</th>
                        <th scope="col">{ "Until (UTC)" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for l.peaks.iter().map(|p| html! {
                        <tr data-queue={p.system_queue.clone()}>
                            <th scope="row">{ p.system_queue.clone() }</th>
                            <td class="num active">{ p.active }</td>
                            <td>{ moment(&p.from) }</td>
                            <td>{ moment(&p.to) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn states(series: &LoadSeries) -> Html {
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={"Most jobs in each state at once"}>
            <table class="stats-table state-load-table">
                <caption>{ "Most jobs in each state at once" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "State" }</th>
                        <th scope="col" class="num">{ "Jobs" }</th>
                        <th scope="col">{ "First at (UTC)" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for series.most_per_state().into_iter().map(|(state, most, at)| html! {
                        <tr data-load-state={state.name().to_string()}>
                            <th scope="row">{ state.name().to_string() }</th>
                            <td class="num most">{ most }</td>
                            <td>{ at.as_ref().map_or("—".to_string(), moment) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn trend_table(t: &Trends) -> Html {
    if t.periods.is_empty() {
        return html! {};
    }
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={"Median and P90 per period"}>
            <table class="stats-table trends-table">
                <caption>{ format!("Median / P90 per job, per {} of submission", t.period.noun()) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ if t.period.noun() == "day" { "Day" } else { "Week" } }</th>
                        <th scope="col" class="num">{ "Jobs" }</th>
                        { for t.series.iter().map(|s| html! {
                            <th scope="col" class="num" data-series={series_key(s)}>{ s.label() }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for t.periods.iter().enumerate().map(|(i, period)| html! {
                        <tr data-period={period.clone()}>
                            <th scope="row">{ period.clone() }</th>
                            <td class="num">{ thousands(t.jobs[i]) }</td>
                            { for t.series.iter().map(|s| {
                                let p = s.points[i].as_ref();
                                html! {
                                    <td class="num" data-series={series_key(s)}
                                        data-median={p.map(|p| p.median.to_string())}
                                        data-p90={p.map(|p| p.p90.to_string())}>
                                        { point_words(p) }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
