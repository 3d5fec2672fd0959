use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct SkipLinksProps {
    /// Each section's element id and name, in the page's order.
    pub sections: Vec<(AttrValue, &'static str)>,
}

/// Links to the page's main sections, first in the Tab order: a keyboard user
/// reaches Export in a few keys instead of through every control above it.
/// Hidden until one of them has the focus (style.css, `.skip-links`).
#[function_component(SkipLinks)]
pub fn skip_links(props: &SkipLinksProps) -> Html {
    html! {
        <nav class="skip-links" aria-label="Skip to a section">
            <ul>
                { for props.sections.iter().map(|(id, name)| html! {
                    <li><a href={format!("#{id}")}>{ *name }</a></li>
                }) }
            </ul>
        </nav>
    }
}
