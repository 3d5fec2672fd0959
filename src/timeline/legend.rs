//! Which colour is which state: only the states present, in lifecycle order.

use std::rc::Rc;

use tapis_profile::JobState;
use yew::prelude::*;

use crate::model::colours::state_class;

#[derive(PartialEq, Properties)]
pub struct LegendProps {
    pub states: Rc<Vec<JobState>>,
    /// Some job is still in a state: explain the hatching.
    pub any_open: bool,
    /// Some job is known only from its job object: explain its pale phases.
    #[prop_or_default]
    pub any_coarse: bool,
    /// Some job is stale: explain its cross-hatching.
    #[prop_or_default]
    pub any_stale: bool,
}

#[function_component(Legend)]
pub fn legend(props: &LegendProps) -> Html {
    html! {
        <ul class="tl-legend" aria-label="Colours of the states">
            { for props.states.iter().map(|state| html! {
                <li>
                    <span class={classes!("swatch", state_class(state))} aria-hidden="true" />
                    { state.name().to_string() }
                </li>
            }) }
            if props.any_open {
                <li>
                    <span class="swatch tl-open-swatch" aria-hidden="true" />
                    { "hatched: still in this state" }
                </li>
            }
            if props.any_coarse {
                <li>
                    <span class="swatch tl-coarse-swatch" aria-hidden="true" />
                    { "pale: phases from a job object, no history (purple: several states in one)" }
                </li>
            }
            if props.any_stale {
                <li>
                    <span class="swatch tl-stale-swatch" aria-hidden="true" />
                    { "cross-hatched: stale, stops at its last event" }
                </li>
            }
        </ul>
    }
}
