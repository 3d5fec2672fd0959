use yew::prelude::*;

use crate::model::sections::Section;

#[derive(Properties, PartialEq)]
pub struct FoldProps {
    pub section: Section,
    /// Collapsible (the compact embedded layout); otherwise the children as they are.
    pub compact: bool,
    /// Open or closed. The section follows this when it changes (jobs arrive, a job is
    /// picked); between changes, the person's own opening and closing stand.
    pub open: bool,
    /// The section's element id, for a skip link to it (`SkipLinks`).
    #[prop_or_default]
    pub id: Option<AttrValue>,
    pub children: Html,
}

/// One part of the page (`model/sections.rs`): in the compact layout a `<details>` whose
/// one line is the section's title, on the full page just its children (in a `<div>`
/// that holds the id, when it has one).
#[function_component(Fold)]
pub fn fold(props: &FoldProps) -> Html {
    if !props.compact {
        return match &props.id {
            Some(id) => html! { <div id={id.clone()}>{ props.children.clone() }</div> },
            None => props.children.clone(),
        };
    }
    let section = props.section;
    html! {
        <details class="fold" id={props.id.clone()} data-section={section.name()} open={props.open}>
            <summary>{ section.title() }</summary>
            <div class="fold-body">{ props.children.clone() }</div>
        </details>
    }
}
