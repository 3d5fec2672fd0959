use tapis_profile::format::{format_duration, format_share};
use tapis_profile::Bucket;
use yew::prelude::*;

use super::Duration;

#[derive(PartialEq, Properties)]
pub struct BucketBarProps {
    /// Seconds per bucket, in bucket order.
    pub buckets: Vec<(Bucket, f64)>,
}

/// The class that colours a bucket (`www/style.css`).
pub fn bucket_class(bucket: Bucket) -> String {
    format!("bk-{}", bucket.key())
}

/// Where the time went, in the four buckets a researcher can act on (plus blocked
/// or paused when there was any): one stacked bar, and its numbers beside it.
#[function_component(BucketBar)]
pub fn bucket_bar(props: &BucketBarProps) -> Html {
    let total: f64 = props.buckets.iter().map(|(_, s)| s).sum();
    let share = |s: f64| if total > 0.0 { s / total } else { 0.0 };
    let shown: Vec<(Bucket, f64)> = props
        .buckets
        .iter()
        .copied()
        .filter(|(b, s)| *b != Bucket::BlockedOrPaused || *s > 0.0)
        .collect();
    let words = |(b, s): &(Bucket, f64)| {
        format!(
            "{} {} ({})",
            b.label(),
            format_duration(*s),
            format_share(share(*s))
        )
    };
    let label = format!(
        "Time by bucket: {}",
        shown.iter().map(words).collect::<Vec<_>>().join(", ")
    );
    html! {
        <div class="bucket-bar">
            <div class="bk-bar" role="img" aria-label={label}>
                { for shown.iter().filter(|(_, s)| *s > 0.0).map(|pair| html! {
                    <div class={classes!("bk", bucket_class(pair.0))}
                        style={format!("flex-grow: {}", pair.1)} title={words(pair)} />
                }) }
            </div>
            <ul class="bk-legend">
                { for shown.iter().map(|&(b, s)| html! {
                    <li data-bucket={b.key()}>
                        <span class={classes!("swatch", bucket_class(b))} aria-hidden="true" />
                        <span class="bk-label">{ b.label() }</span>
                        <span class="bk-numbers">
                            <span class="bk-time"><Duration seconds={s} /></span>{ " · " }
                            <span class="bk-share">{ format_share(share(s)) }</span>
                        </span>
                    </li>
                }) }
            </ul>
        </div>
    }
}
