use crate::model::words::format_duration;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct DurationProps {
    pub seconds: f64,
}

/// A duration in human units that wraps only between its parts
/// ("3 min | 35 s"), never between a number and its unit.
#[function_component(Duration)]
pub fn duration(props: &DurationProps) -> Html {
    let text = format_duration(props.seconds);
    let words: Vec<&str> = text.split(' ').collect();
    let parts = words.chunks(2).map(|pair| pair.join(" "));
    html! {
        <span class="duration">
            { for parts.enumerate().map(|(i, part)| html! {
                <>{ if i > 0 { " " } else { "" } }<span class="nowrap">{ part }</span></>
            }) }
        </span>
    }
}
