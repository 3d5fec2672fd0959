use std::rc::Rc;

use tapis_profile::Bucket;
use yew::prelude::*;

use super::Duration;
use crate::insights::normal::NormalModel;

#[derive(PartialEq, Properties)]
pub struct GroupTableProps {
    pub model: Rc<NormalModel>,
    /// Show this group in detail.
    pub on_pick: Callback<String>,
}

/// The groups side by side: jobs, median total and median per bucket.
#[function_component(GroupTable)]
pub fn group_table(props: &GroupTableProps) -> Html {
    let m = &props.model;
    let buckets: Vec<_> = Bucket::ALL
        .into_iter()
        .filter(|b| {
            m.groups.iter().any(|g| {
                g.bucket_medians
                    .iter()
                    .any(|(x, v)| x == b && v.is_some_and(|v| v > 0.0))
            })
        })
        .collect();
    html! {
        <div class="table-wrap">
            <table class="stats-table group-table">
                <caption>{ format!("Median per job, by {}", m.grouping.label().to_lowercase()) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Group" }</th>
                        <th scope="col" class="num">{ "Jobs" }</th>
                        <th scope="col" class="num">{ "Total" }</th>
                        { for buckets.iter().map(|b| html! { <th scope="col" class="num">{ b.label() }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for m.groups.iter().map(|g| {
                        let current = m.group.as_ref() == Some(&g.key);
                        let onclick = {
                            let key = g.key.clone();
                            props.on_pick.reform(move |_: MouseEvent| key.clone())
                        };
                        let value = |v: Option<f64>| match v {
                            Some(v) => html! { <data value={v.to_string()}><Duration seconds={v} /></data> },
                            None => html! { <span class="none">{ "—" }</span> },
                        };
                        html! {
                            <tr data-group={g.key.clone()} class={classes!(current.then_some("current"))}
                                aria-current={current.then_some("true")}>
                                <th scope="row">
                                    <button type="button" class="link" {onclick}
                                        aria-label={format!("Show {} in detail", g.key)}>{ &g.key }</button>
                                </th>
                                <td class="num">{ g.jobs }</td>
                                <td class="num">{ value(g.total_median) }</td>
                                { for buckets.iter().map(|b| {
                                    let v = g.bucket_medians.iter().find(|(x, _)| x == b).and_then(|(_, v)| *v);
                                    html! { <td class="num">{ value(v) }</td> }
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
