use yew::prelude::*;

use crate::insights::LogScale;

#[derive(PartialEq, Properties)]
pub struct LogAxisProps {
    pub scale: LogScale,
}

/// The labels of a logarithmic time axis above rows of spreads (what is normal,
/// compare cohorts), each at its round value's place.
#[function_component(LogAxis)]
pub fn log_axis(props: &LogAxisProps) -> Html {
    html! {
        <div class="dist-axis">
            { for props.scale.ticks().into_iter().map(|(at, label)| html! {
                <span style={format!("left: {:.2}%", at * 100.0)}>{ label }</span>
            }) }
        </div>
    }
}
