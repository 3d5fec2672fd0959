use std::sync::Arc;

use tapis_profile::analysis::anatomy::{Anatomy, Direction};
use yew::prelude::*;

use super::{breakable, Duration};
use crate::model::colours::state_property;
use crate::model::transfer_parts::{parts, what_was_copied};
use crate::model::words::format_share;

#[derive(PartialEq, Properties)]
pub struct TransferAnatomyProps {
    /// The job's STAGING_INPUTS and ARCHIVING visits, as the core split them.
    pub visits: Arc<[Anatomy]>,
}

/// Each STAGING_INPUTS and ARCHIVING visit of a job split into its parts
/// (waiting, copying, completion lag, unexplained): a bar of the state's length
/// and the parts in words, with the data-quality notes when a summary is odd.
#[function_component(TransferAnatomy)]
pub fn transfer_anatomy(props: &TransferAnatomyProps) -> Html {
    html! {
        <div class="anatomy">
            { for props.visits.iter().map(visit) }
        </div>
    }
}

fn visit(a: &Anatomy) -> Html {
    let state = a.direction.state();
    let parts = parts(a);
    let summary: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {}", p.label, p.value()))
        .collect();
    let colour = format!("{}: var({})", "--part", state_property(&state));
    html! {
        <figure class="anatomy-visit" data-direction={match a.direction { Direction::In => "in", Direction::Out => "out" }}
            data-segment={a.segment.to_string()} style={colour}>
            <figcaption>
                <strong>{ breakable(state.name()) }</strong>{ " " }
                <data value={a.state_seconds.to_string()}><Duration seconds={a.state_seconds} /></data>
                if let Some(copied) = what_was_copied(a) {
                    <span class="muted">{ format!(" · {copied}") }</span>
                }
            </figcaption>
            <div class="anatomy-track" role="img"
                aria-label={format!("{}: {}", state.name(), summary.join(", "))}>
                { for parts.iter().filter(|p| p.share(a) > 0.0).map(|p| html! {
                    <span class={classes!("anatomy-part", format!("ap-{}", p.key))}
                        style={format!("width: {:.3}%", p.share(a) * 100.0)}
                        title={format!("{} {}", p.label, p.value())} />
                }) }
            </div>
            <dl class="facts anatomy-parts">
                { for parts.iter().map(|p| html! {
                    <>
                        <dt><span class={classes!("swatch", "anatomy-part", format!("ap-{}", p.key))} aria-hidden="true" />{ p.label }</dt>
                        <dd data-part={p.key}>
                            if let Some(s) = p.seconds {
                                <data value={s.to_string()}><Duration seconds={s} /></data>
                                <span class="muted">{ format!(" ({})", format_share(p.share(a))) }</span>
                            } else {
                                { "unknown" }
                            }
                        </dd>
                    </>
                }) }
            </dl>
            if !a.notes.is_empty() {
                <ul class="anatomy-notes" aria-label="Data quality">
                    { for a.notes.iter().map(|n| html! { <li>{ n }</li> }) }
                </ul>
            }
        </figure>
    }
}
