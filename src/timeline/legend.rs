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
        </ul>
    }
}
