use std::cell::Cell;
use std::rc::Rc;

use tapis_profile::analysis::anatomy::Direction;
use tapis_profile::format::{count, format_count, format_duration, short_uuid};
use tapis_profile::report::Report;
use tapis_profile::transfer_model::Method;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::Later;
use crate::edge::tasks::next_task;
use crate::ids::use_id;
use crate::insights::data_movement::{Dot, Scatter, BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH};
use crate::insights::JobPick;
use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct DataMovementViewProps {
    pub report: Shared<Report>,
    /// Select the job a dot stands for.
    pub on_select_jobs: Callback<JobPick>,
    /// The user moved the archived share (0–1), as the CLI's `--archived-share`.
    #[prop_or_default]
    pub on_archived_share: Callback<f64>,
}

/// Where STAGING_INPUTS and ARCHIVING time went (the anatomy, summed over the
/// jobs counted), the transfer cost model fitted from the user's own transfers,
/// and the transfers themselves: files against copy time, one selectable dot
/// each, with each direction's fitted line.
#[function_component(DataMovementView)]
pub fn data_movement_view(props: &DataMovementViewProps) -> Html {
    let r = &props.report;
    let dm = &r.data_movement;
    let share_id = use_id("archived-share");
    html! {
        <section class="insight data-movement" aria-labelledby="dm-title">
            <h2 id="dm-title">{ "Data movement" }</h2>
            <p class="lead">{ "Each STAGING_INPUTS and ARCHIVING visit split by its transfer summary: waiting for the copy to start, copying, the lag before Tapis moves on, and what the summary does not explain; then what a transfer costs, fitted from these jobs' own transfers." }</p>
            <table class="dm-anatomy">
                <thead><tr>
                    <th scope="col">{ "Part" }</th>
                    { for dm.anatomy.iter().map(|(d, _)| html! {
                        <th scope="col" data-direction={dir_key(*d)}>{ d.title() }</th>
                    }) }
                </tr></thead>
                <tbody>
                    <tr data-part="visits"><th scope="row">{ "Visits" }</th>
                        { for dm.anatomy.iter().map(|(_, t)| html! { <td>{ format_count(t.visits as u64) }</td> }) }
                    </tr>
                    { for [
                        ("waiting", "Waiting"),
                        ("copying", "Copying"),
                        ("lag", "Completion lag"),
                        ("rest", "Unexplained"),
                        ("state", "In the state"),
                    ].into_iter().map(|(key, label)| html! {
                        <tr data-part={key}><th scope="row">{ label }</th>
                            { for dm.anatomy.iter().map(|(_, t)| seconds_cell(match key {
                                "waiting" => t.waiting_seconds,
                                "copying" => t.copying_seconds,
                                "lag" => t.lag_seconds,
                                "rest" => t.rest_seconds,
                                _ => t.state_seconds,
                            })) }
                        </tr>
                    }) }
                </tbody>
            </table>
            if dm.model.0.is_empty() {
                <p class="dm-no-model">{ "No transfer has files, bytes and copy time known: no cost model." }</p>
            } else {
                <table class="dm-model">
                    <thead><tr>
                        <th scope="col">{ "Model" }</th><th scope="col">{ "Per file" }</th>
                        <th scope="col">{ "Per transfer" }</th><th scope="col">{ "Throughput" }</th>
                    </tr></thead>
                    <tbody>
                        { for dm.model.0.iter().map(|f| {
                            let b = f.per_file_seconds;
                            html! {
                                <tr data-direction={dir_key(f.direction)} data-system={f.system.clone().unwrap_or_default()}>
                                    <th scope="row">{ match &f.system {
                                        Some(s) => format!("{} on {s}", f.direction.title()),
                                        None => f.direction.title().to_string(),
                                    } }<span class="dm-count">{ format!(" · {}", count(f.transfers, "transfer")) }</span></th>
                                    <td class="per-file"><data value={b.value.to_string()}>{ format!("{:.1} ms", b.value * 1000.0) }</data>
                                        if b.low != b.high {
                                            <span class="range">{ format!(" ({:.1}–{:.1})", b.low * 1000.0, b.high * 1000.0) }</span>
                                        }
                                    </td>
                                    <td>{ if f.method == Method::PerFile { "—".to_string() } else { format_duration(f.fixed_seconds.value) } }</td>
                                    <td>{ f.throughput_mb_per_second().map_or("—".to_string(), |m| format!("{m:.1} MB/s")) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <ul class="dm-bases">
                    { for dm.model.0.iter().map(|f| html! {
                        <li class="basis" data-direction={dir_key(f.direction)} data-system={f.system.clone().unwrap_or_default()}>{ &f.basis }</li>
                    }) }
                </ul>
            }
            // The transfers drawn in a task of their own after the tables, the first time:
            // at 50,000 jobs the scatter and its dots were ~100 ms.
            <Later what="Drawing the transfers">
                <TransferPlot report={r.clone()} on_select_jobs={props.on_select_jobs.clone()} />
            </Later>
            { archived_share(&share_id, r.what_if.archived_share, &props.on_archived_share) }
        </section>
    }
}

/// "Archive only final outputs": how much of today's output would still be
/// archived, a control the user moves; the recommendation's saving follows.
fn archived_share(id: &str, share: f64, on_share: &Callback<f64>) -> Html {
    let onchange = on_share.reform(|e: Event| {
        let field = e.target_unchecked_into::<HtmlInputElement>();
        field.value().parse::<f64>().map_or(f64::NAN, |p| p / 100.0)
    });
    let percent = (share * 100.0).round();
    html! {
        <div class="archived-share">
            <label for={id.to_string()}>{ "If only final outputs were archived, the share of today's files and bytes still archived" }</label>
            <div class="archived-share-control">
                <input type="range" id={id.to_string()} min="0" max="100" step="1"
                    value={percent.to_string()} {onchange}
                    aria-valuetext={format!("{percent} %")} />
                <output for={id.to_string()}><data value={share.to_string()}>{ format!("{percent} %") }</data></output>
            </div>
            <p class="note">{ "The 'archive only final outputs' saving under Recommendations uses it (as the CLI's --archived-share); the JSON export keeps it." }</p>
        </div>
    }
}

fn dir_key(d: Direction) -> &'static str {
    match d {
        Direction::In => "in",
        Direction::Out => "out",
    }
}

/// A power of ten as the axis writes it: `0.1`, `10`, `1,000`.
fn seconds_tick(t: f64) -> String {
    if t < 1.0 {
        format!("{t}")
    } else {
        format_count(t as u64)
    }
}

fn seconds_cell(s: f64) -> Html {
    html! { <td><data value={s.to_string()}>{ format_duration(s) }</data></td> }
}

/// Up to this many dots are keyboard stops; beyond, Tab would wade through
/// thousands, so they answer the mouse only (the timeline selects by keyboard).
const FOCUSABLE_DOTS: usize = 100;

#[derive(PartialEq, Properties)]
struct TransferPlotProps {
    report: Shared<Report>,
    on_select_jobs: Callback<JobPick>,
}

/// The transfers' scatter, when there are transfers to draw: its dots placed in a task
/// of their own, made to share spots in the next, and drawn in the one after (each time
/// the report changes; the last drawing shown until then), so none waits for another on
/// the main thread (at 50,000 jobs together ~100 ms of one task, docs/performance.md, P6).
#[function_component(TransferPlot)]
fn transfer_plot(props: &TransferPlotProps) -> Html {
    // With the report it was placed from: a dot is its jobs' places in that report.
    let scatter = use_state(|| None::<(Shared<Report>, Rc<Scatter>)>);
    {
        let scatter = scatter.clone();
        use_effect_with(props.report.clone(), move |report| {
            let gone = Rc::new(Cell::new(false));
            let (report, placing) = (report.clone(), gone.clone());
            spawn_local(async move {
                if !next_task(&placing).await {
                    return;
                }
                let placed = Scatter::placed(&report);
                if !next_task(&placing).await {
                    return;
                }
                let drawn = Rc::new(placed.finish(&report));
                if next_task(&placing).await {
                    scatter.set(Some((report, drawn)));
                }
            });
            move || gone.set(true)
        });
    }
    match &*scatter {
        None => html! { <p class="later" aria-busy="true">{ "Placing the transfers…" }</p> },
        Some((_, s)) if s.dots.is_empty() => Html::default(),
        Some((report, s)) => plot(report, s, &props.on_select_jobs),
    }
}

/// The jobs of the transfers drawn as dot `d`, picked.
fn pick(report: &Report, d: &Dot) -> JobPick {
    let uuid = |i: usize| report.jobs[i].uuid.to_string();
    let jobs: Vec<String> = std::iter::once(d.job)
        .chain(d.more.iter().copied())
        .map(uuid)
        .collect();
    match d.more.len() {
        0 => JobPick::new(format!("job {}", short_uuid(&jobs[0])), jobs),
        n => JobPick::new(
            format!("{} drawn on one spot", count(n + 1, "transfer")),
            jobs,
        ),
    }
}

/// Files against copy time, log–log. A dot's jobs are gathered when it is picked:
/// at 50,000 jobs its dots stand for ~100,000 transfers.
fn plot(report: &Shared<Report>, s: &Rc<Scatter>, on_select: &Callback<JobPick>) -> Html {
    let axis_y = HEIGHT - BOTTOM;
    let focusable = (s.dots.len() <= FOCUSABLE_DOTS).then_some("0");
    let shared = s.dots.iter().any(|d| !d.more.is_empty());
    html! {
        <figure class="dm-plot">
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="group"
                aria-label={format!("{} transfers: files against copy time, log–log", format_count(s.dots.iter().map(|d| d.transfers() as u64).sum()))}>
                { for s.files.ticks().map(|f| {
                    let x = s.x(f);
                    html! { <g class="tick">
                        <line x1={x.to_string()} x2={x.to_string()} y1={TOP.to_string()} y2={axis_y.to_string()} />
                        <text x={x.to_string()} y={(axis_y + 16.0).to_string()} text-anchor="middle">{ format_count(f as u64) }</text>
                    </g> }
                }) }
                { for s.seconds.ticks().map(|t| {
                    let y = s.y(t);
                    html! { <g class="tick">
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y.to_string()} y2={y.to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={(y + 4.0).to_string()} text-anchor="end">{ format!("{} s", seconds_tick(t)) }</text>
                    </g> }
                }) }
                <text class="axis-title" x="4" y="12" text-anchor="start">{ "copy time (s)" }</text>
                <text class="axis-title" x={((LEFT + WIDTH) / 2.0).to_string()} y={(HEIGHT - 4.0).to_string()} text-anchor="middle">{ "files in the transfer" }</text>
                { for s.lines.iter().map(|l| {
                    let points: Vec<String> = l.points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
                    html! { <polyline class={classes!("dm-line", dir_key(l.direction))} points={points.join(" ")} /> }
                }) }
                { for s.dots.iter().enumerate().map(|(i, d)| {
                    let picked = { let (report, s) = (report.clone(), s.clone()); move || pick(&report, &s.dots[i]) };
                    let onclick = { let (picked, cb) = (picked.clone(), on_select.clone()); Callback::from(move |_: MouseEvent| cb.emit(picked())) };
                    let onkeydown = { let cb = on_select.clone(); Callback::from(move |e: KeyboardEvent| if e.key() == "Enter" || e.key() == " " { e.prevent_default(); cb.emit(picked()) }) };
                    let uuid = &report.jobs[d.job].uuid;
                    let mut label = format!("{} of job {}: {} files, {}", d.direction.title(), short_uuid(uuid),
                        format_count(d.files as u64), format_duration(d.seconds));
                    if !d.more.is_empty() {
                        label.push_str(&format!(", and {} on the same spot", count(d.more.len(), "more transfer")));
                    }
                    html! {
                        <circle class={classes!("dm-dot", dir_key(d.direction))} data-job={uuid.to_string()}
                            data-transfers={d.transfers().to_string()}
                            cx={format!("{:.1}", d.x)} cy={format!("{:.1}", d.y)} r="4" tabindex={focusable} role="button"
                            aria-label={label.clone()} {onclick} {onkeydown}>
                            <title>{ label }</title>
                        </circle>
                    }
                }) }
            </svg>
            <figcaption>
                // The dot in the series' colour, the words in the text's (amber words on
                // white fall short of text contrast; a key's dot needs only 3:1).
                <span class="dm-key"><span class="dm-swatch in" aria-hidden="true">{ "●" }</span>{ " input staging" }</span>{ " " }
                <span class="dm-key"><span class="dm-swatch out" aria-hidden="true">{ "●" }</span>{ " archiving" }</span>
                { if shared {
                    " · a dot per transfer, or per spot where transfers fall on one another (select one to see its jobs); lines: each direction's fit at its median bytes per file."
                } else {
                    " · one dot per transfer (select one to see its job); lines: each direction's fit at its median bytes per file."
                } }
            </figcaption>
        </figure>
    }
}
