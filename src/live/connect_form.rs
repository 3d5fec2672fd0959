use web_sys::HtmlInputElement;
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
    /// Mounted as a component of another page: say that its scripts can read this form.
    pub in_component: bool,
    pub on_connect: Callback<ConnectRequest>,
}

/// The tenant and the token. The token field is a password field the app never renders a
/// value into: it is read once on "Connect", then emptied.
#[function_component(ConnectForm)]
pub fn connect_form(props: &ConnectFormProps) -> Html {
    let url = use_state(|| props.base_url.to_string());
    let tenant_id = use_state(String::new);
    let token_field = use_node_ref();
    let onsubmit = {
        let (url, tenant_id, field) = (url.clone(), tenant_id.clone(), token_field.clone());
        let on_connect = props.on_connect.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = field.cast::<HtmlInputElement>() else {
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
    let reach = tenant::parse(&url, "x").ok().map(|t| t.reach);
    html! {
        <form class="live-connect" {onsubmit} aria-label="Connect to Tapis">
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
                    <input id="live-token" ref={token_field} type="password" autocomplete="off"
                        autocapitalize="off" spellcheck="false" placeholder="eyJhbGciOi…"
                        aria-describedby="live-token-note" />
                </label>
            </div>
            <p id="live-url-note" class="live-note">{ reach_note(reach) }</p>
            <p id="live-token-note" class="live-note">
                { "The token stays in this page's memory and goes only to the tenant above. \
                   It is never stored, and “Forget token” or closing the page wipes it. \
                   Never type your password here." }
            </p>
            <div class="actions">
                <button type="submit" class="primary">{ "Connect" }</button>
            </div>
            <TokenHelp base_url={AttrValue::from((*url).clone())} />
        </form>
    }
}

fn reach_note(reach: Option<Reach>) -> &'static str {
    match reach {
        Some(Reach::TapisIo) | None => {
            "A Tapis tenant: https://<tenant>.tapis.io (DesignSafe: https://designsafe.tapis.io)."
        }
        Some(Reach::Loopback) => {
            "A tenant on this computer (the local stand-in, or development): type its tenant id."
        }
        Some(Reach::Custom) => {
            "Not under tapis.io: this page's security policy (CSP) lets the app reach only \
             *.tapis.io and this computer, so the browser will block it. Self-hosting the app? \
             Add the URL to connect-src in index.html."
        }
    }
}
