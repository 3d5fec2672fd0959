use yew::prelude::*;

/// The notebook script that exports jobs and histories to one bundle
/// (`docs/export-from-notebook.md` explains it; the end-to-end tests run it).
pub const EXPORT_SCRIPT: &str = include_str!("../../docs/export_tapis_jobs.py");

#[derive(PartialEq, Properties)]
pub struct TokenHelpProps {
    /// The tenant URL the snippets should use.
    pub base_url: AttrValue,
}

/// How to get a token in a notebook, and how to avoid pasting one at all.
#[function_component(TokenHelp)]
pub fn token_help(props: &TokenHelpProps) -> Html {
    let base = if props.base_url.trim().is_empty() {
        super::model::tenant::DEFAULT_BASE_URL
    } else {
        props.base_url.trim()
    };
    let token_snippet = format!(
        "import getpass\n\
         from tapipy.tapis import Tapis\n\
         t = Tapis(base_url=\"{base}\",\n          \
         username=input(\"Username: \"), password=getpass.getpass())\n\
         t.get_tokens()\n\
         print(t.access_token.access_token)   # valid for 4 hours"
    );
    let export = EXPORT_SCRIPT.replace(super::model::tenant::DEFAULT_BASE_URL, base);
    html! {
        <div class="live-help">
            <details>
                <summary>{ "How do I get a token?" }</summary>
                <p>{ "In a Jupyter notebook (DesignSafe's JupyterHub has tapipy), run this and \
                      copy the long text it prints into the field above. The password goes only \
                      to Tapis, from the notebook; this page never asks for it." }</p>
                // Focusable: a keyboard scrolls what is wider than the panel (WCAG 2.1.1).
                <pre tabindex="0"><code>{ token_snippet }</code></pre>
            </details>
            <details>
                <summary>{ "Rather not paste a token? Export your jobs from a notebook" }</summary>
                <p>{ "This script writes your recent jobs and their histories to one file, \
                      tapis-jobs.json. Drop or choose that file above, or paste it: nothing needs \
                      a token here. (The same script, explained: docs/export-from-notebook.md.)" }</p>
                <pre tabindex="0"><code>{ export }</code></pre>
            </details>
        </div>
    }
}
