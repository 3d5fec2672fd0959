use tapis_profile::{Diagnostic, Severity};
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct DiagnosticListProps {
    pub diagnostics: Vec<Diagnostic>,
    /// Announce the list to screen readers when it appears (errors as an alert).
    /// Off for lists the user opens themselves.
    #[prop_or(true)]
    pub announce: bool,
}

/// What went wrong while reading, where, and what was done about it.
#[function_component(DiagnosticList)]
pub fn diagnostic_list(props: &DiagnosticListProps) -> Html {
    if props.diagnostics.is_empty() {
        return html! {};
    }
    let has_error = props
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let role = match (props.announce, has_error) {
        (false, _) => None,
        (true, true) => Some("alert"),
        (true, false) => Some("status"),
    };
    html! {
        <div class={classes!("diagnostics", has_error.then_some("has-error"))} {role}>
            <ul>
                { for props.diagnostics.iter().map(item) }
            </ul>
        </div>
    }
}

fn item(d: &Diagnostic) -> Html {
    let (class, label) = match d.severity {
        Severity::Error => ("error", "Could not read"),
        Severity::Warning => ("warning", "Warning:"),
        Severity::Info => ("info", "Note:"),
    };
    let place = d
        .location
        .map(|at| format!(" (line {}, column {})", at.line, at.column))
        .unwrap_or_default();
    let job = d
        .job
        .as_ref()
        .map(|j| format!("job {j}: "))
        .unwrap_or_default();
    html! {
        <li class={class}>
            <strong>{ format!("{label} {}{place}: ", d.input) }</strong>{ job }{ &d.message }
            if !d.action.is_empty() { { format!(" ({})", d.action) } }
        </li>
    }
}
