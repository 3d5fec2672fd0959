use tapis_profile::{Diagnostic, Severity};
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct DiagnosticListProps {
    pub diagnostics: Vec<Diagnostic>,
}

/// What went wrong while reading, and where. Errors are announced to screen readers.
#[function_component(DiagnosticList)]
pub fn diagnostic_list(props: &DiagnosticListProps) -> Html {
    if props.diagnostics.is_empty() {
        return html! {};
    }
    let has_error = props
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    html! {
        <section class={classes!("diagnostics", has_error.then_some("has-error"))}
            role={if has_error { "alert" } else { "status" }}>
            <ul>
                { for props.diagnostics.iter().map(item) }
            </ul>
        </section>
    }
}

fn item(d: &Diagnostic) -> Html {
    let (class, label) = match d.severity {
        Severity::Error => ("error", "Could not read"),
        Severity::Warning => ("warning", "Note"),
        Severity::Info => ("info", "Note"),
    };
    let place = d
        .location
        .map(|at| format!(" (line {}, column {})", at.line, at.column))
        .unwrap_or_default();
    html! {
        <li class={class}>
            <strong>{ format!("{label} {}{place}: ", d.input) }</strong>{ &d.message }
            if !d.action.is_empty() { { format!(" ({})", d.action) } }
        </li>
    }
}
