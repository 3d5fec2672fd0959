use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::model::tenant::{self, Reach, KNOWN};
use super::model::token::Token;
use super::token_help::TokenHelp;

/// What "Connect" hands up: the tenant and the pasted token (which the form does not keep).
pub struct ConnectRequest {
    pub url: String,
    pub tenant_id: String,
    pub token: Token,
}

#[derive(PartialEq, Properties)]
pub struct ConnectFormProps {
    /// The tenant URL to start with.
    pub base_url: AttrValue,
    /// The tenant id to start with (for URLs that do not say it).
    #[prop_or_default]
    pub tenant_id: AttrValue,
    /// Mounted as a component of another page: say that its scripts can read this field.
    pub in_component: bool,
    pub on_connect: Callback<ConnectRequest>,
}

/// The tenant and the token. Not a `<form>`, and the token field is a text area, not a
/// password field: password managers offer to save what is typed into a password field of
/// a form, and a token must not end up in one. The field is masked by CSS, read once on
/// "Connect" (or Enter), then emptied; the app never renders a value into it.
#[function_component(ConnectForm)]
pub fn connect_form(props: &ConnectFormProps) -> Html {
    let url = use_state(|| props.base_url.to_string());
    let tenant_id = use_state(|| props.tenant_id.to_string());
    let token_field = use_node_ref();
    let connect = {
        let (url, tenant_id, field) = (url.clone(), tenant_id.clone(), token_field.clone());
        let on_connect = props.on_connect.clone();
        Callback::from(move |()| {
            let Some(input) = field.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let token = Token::new(&input.value());
            input.set_value("");
            on_connect.emit(ConnectRequest {
                url: (*url).clone(),
                tenant_id: (*tenant_id).clone(),
                token,
            });
        })
    };
    let onclick = connect.reform(|_: MouseEvent| ());
    let onkeydown = {
        let connect = connect.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && !e.shift_key() {
                e.prevent_default();
                connect.emit(());
            }
        })
    };
    let on_url = {
        let url = url.clone();
        Callback::from(move |e: InputEvent| {
            url.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_id = {
        let tenant_id = tenant_id.clone();
        Callback::from(move |e: InputEvent| {
            tenant_id.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let needs_id = !url.trim().is_empty() && !tenant::names_its_tenant(&url);
    // With a placeholder id, so the note can speak of the URL alone.
    let checked = tenant::parse(&url, "tenant");
    html! {
        <div class="live-connect" role="group" aria-label="Connect to Tapis">
            if props.in_component {
                <p class="live-warning" role="note">
                    <strong>{ "This profiler is part of another page. " }</strong>
                    { "That page's own scripts can read what is typed here, a token included. \
                       Paste a token only into the profiler's own page, or a frame of it you trust." }
                </p>
            }
            <div class="live-fields">
                <label for="live-url">{ "Tenant" }
                    <input id="live-url" type="url" list="live-tenants" value={(*url).clone()}
                        oninput={on_url} autocomplete="off" spellcheck="false"
                        aria-describedby="live-url-note" />
                </label>
                <datalist id="live-tenants">
                    { for KNOWN.iter().map(|(label, u)| html! { <option value={*u}>{ *label }</option> }) }
                </datalist>
                if needs_id {
                    <label for="live-tenant-id">{ "Tenant id" }
                        <input id="live-tenant-id" type="text" value={(*tenant_id).clone()}
                            oninput={on_id} autocomplete="off" spellcheck="false"
                            placeholder="designsafe" required=true />
                    </label>
                }
                <label for="live-token">{ "Access token" }
                    <textarea id="live-token" class="live-token-field" ref={token_field} rows="1"
                        autocomplete="off" autocapitalize="off" spellcheck="false"
                        placeholder="eyJhbGciOi…" aria-describedby="live-token-note" {onkeydown} />
                </label>
            </div>
            <p id="live-url-note" class={classes!("live-note", checked.is_err().then_some("live-refused"))}>
                { url_note(&checked) }
            </p>
            <p id="live-token-note" class="live-note">
                { "The token stays in this page's memory and goes only to the tenant above. \
                   It is never stored, and “Forget token” or closing the page wipes it. \
                   Never type your password here." }
            </p>
            <div class="actions">
                <button type="button" class="primary" {onclick}>{ "Connect" }</button>
            </div>
            <TokenHelp base_url={AttrValue::from((*url).clone())} />
        </div>
    }
}

/// Where a token would go, or why this URL is refused (before anything is sent, in every
/// mode: the app checks the tenant itself, whatever the page's CSP).
fn url_note(checked: &Result<tenant::Tenant, tenant::TenantProblem>) -> String {
    match checked {
        Ok(t) => match t.reach {
            Reach::TapisIo => format!(
                "A Tapis tenant: the token goes to {} only (tenant “{}”).",
                t.base_url, t.id
            ),
            Reach::AllowList => format!(
                "A Tapis tenant this build is set up for: the token goes to {} only. Type its \
                 tenant id.",
                t.base_url
            ),
            Reach::Loopback => "A tenant on this computer (the local stand-in; development \
                                and test builds only): type its tenant id."
                .to_string(),
        },
        Err(tenant::TenantProblem::NeedsId | tenant::TenantProblem::BadId) => {
            "Type the tenant id too.".to_string()
        }
        Err(problem) => problem.to_string(),
    }
}
