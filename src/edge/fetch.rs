//! Job data named by a URL (the `data-url` option), fetched once at start.

use gloo::net::http::Request;
use web_sys::{ReferrerPolicy, RequestCredentials};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::model::page_reducer::Action;

/// Fetches `url` (when there is one, and again when it changes) and analyses what came
/// back; a failure becomes a diagnostic and whatever is on screen stays.
#[hook]
pub fn use_data_url(url: Option<String>, dispatch: Callback<Action>) {
    use_effect_with(url, move |url| {
        if let Some(url) = url.clone() {
            spawn_local(async move {
                dispatch.emit(match fetch_text(&url).await {
                    Ok(text) => Action::Import { name: url, text },
                    Err(error) => Action::LoadFailed { name: url, error },
                });
            });
        }
    });
}

/// GET `url` as text. Cookies and the referrer are never sent: the app's rule for every
/// request (the Tapis token will follow the same one).
async fn fetch_text(url: &str) -> Result<String, String> {
    let response = Request::get(url)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .send()
        .await
        .map_err(|e| {
            format!(
                "could not fetch it ({e}). Is the URL right, and may this page read it? \
                 The app's own page loads data only from its own site and from Tapis tenants."
            )
        })?;
    if !response.ok() {
        return Err(format!(
            "could not fetch it: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .text()
        .await
        .map_err(|e| format!("could not read the response: {e}"))
}
