//! One GET to the tenant: the only code that reads the token's text, to put it in the
//! `X-Tapis-Token` header. Never in the URL; no cookies (`credentials: 'omit'`; Tapis
//! answers `Access-Control-Allow-Origin: *`), no referrer, no HTTP cache (`no-store`), so
//! neither the request nor its answer stays anywhere but in this page's memory.
//!
//! `web_sys::fetch` directly, not gloo-net: gloo-net re-serialises the URL (adding a
//! trailing `&`), and the URL sent should be exactly the one `live::model::api` built and tests.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Headers, ReferrerPolicy, RequestCache, RequestCredentials, RequestInit,
    RequestMode, Response,
};

use super::model::api::retry_after_ms;
use super::model::token::Token;
use crate::edge::clock;

/// What the tenant answered.
pub struct Answer {
    pub status: u16,
    pub retry_after_ms: Option<f64>,
    pub body: String,
}

pub enum NetError {
    /// The run was cancelled.
    Aborted,
    /// No answer, or an answer cut off mid-way (a reset, a truncated body).
    Network(String),
}

pub async fn get(url: &str, token: &Token, signal: &AbortSignal) -> Result<Answer, NetError> {
    let failed = |what: &str, e: JsValue| {
        if signal.aborted() {
            NetError::Aborted
        } else {
            let why = e.dyn_ref::<js_sys::Error>().map_or_else(
                || "unknown error".to_string(),
                |e| String::from(e.message()),
            );
            NetError::Network(format!("{what} ({why})"))
        }
    };
    let headers = Headers::new().map_err(|e| failed("no request", e))?;
    headers
        .set("X-Tapis-Token", token.expose())
        .map_err(|e| failed("no request", e))?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_cache(RequestCache::NoStore);
    init.set_mode(RequestMode::Cors);
    init.set_signal(Some(signal));
    let promise = gloo::utils::window().fetch_with_str_and_init(url, &init);
    let response: Response = JsFuture::from(promise)
        .await
        .map_err(|e| failed("no answer from the tenant", e))?
        .unchecked_into();
    let status = response.status();
    let retry_after = response
        .headers()
        .get("retry-after")
        .ok()
        .flatten()
        .and_then(|v| retry_after_ms(&v, clock::now_ms()));
    let text = response
        .text()
        .map_err(|e| failed("the answer was cut off", e))?;
    let body = JsFuture::from(text)
        .await
        .map_err(|e| failed("the answer was cut off", e))?
        .as_string()
        .unwrap_or_default();
    Ok(Answer {
        status,
        retry_after_ms: retry_after,
        body,
    })
}
