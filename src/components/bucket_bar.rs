use yew::prelude::*;

use super::Duration;
use crate::insights::normal::BarPart;
use crate::model::colours::bucket_class;
use crate::model::words::format_share;

#[derive(PartialEq, Properties)]
pub struct BucketBarProps {
    /// The buckets' time summed over the jobs, in bucket order.
    pub parts: Vec<BarPart>,
    /// Wall time summed over the jobs.
    pub total: f64,
    /// Which jobs: "12 jobs", "the 5 jobs of opensees-mp-s3 latest".
    pub jobs: AttrValue,
}

/// Where the time of a set of jobs went, as one stacked bar with a legend that
/// gives each bucket's time and share (the bar itself is one image to a screen
/// reader, labelled with the same numbers).
#[function_component(BucketBar)]
pub fn bucket_bar(props: &BucketBarProps) -> Html {
    let label = |p: &BarPart| format!("{} {}", p.label(), format_share(p.share));
    let summary: Vec<String> = props.parts.iter().map(label).collect();
    html! {
        <figure class="bucket-bar">
            <figcaption>
                { "Where the time went: " }<data value={props.total.to_string()}><Duration seconds={props.total} /></data>
                { format!(" of wall time in {}", props.jobs) }
            </figcaption>
            <div class="bucket-bar-track" role="img"
                aria-label={format!("Share of the wall time: {}", summary.join(", "))}>
                { for props.parts.iter().filter(|p| p.seconds > 0.0).map(|p| html! {
                    <span class={classes!("bucket-part", bucket_class(p.bucket))}
                        style={format!("width: {:.3}%", p.share * 100.0)}
                        title={label(p)} />
                }) }
            </div>
            <ul class="bucket-legend">
                { for props.parts.iter().map(|p| html! {
                    <li data-bucket={p.bucket.map_or("unknown", |b| b.key())} title={p.title()}>
                        <span class={classes!("swatch", bucket_class(p.bucket))} aria-hidden="true" />
                        <span class="bucket-name">{ p.label() }</span>
                        { " " }<data value={p.seconds.to_string()}><Duration seconds={p.seconds} /></data>
                        { " " }<span class="share">{ format_share(p.share) }</span>
                    </li>
                }) }
            </ul>
        </figure>
    }
}
