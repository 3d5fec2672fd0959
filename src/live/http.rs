//! One GET to the tenant: the only code that reads the token's text, to put it in the
//! `X-Tapis-Token` header. Never in the URL; no cookies (`credentials: 'omit'`; Tapis
//! answers `Access-Control-Allow-Origin: *`), no referrer, no HTTP cache (`no-store`), so
//! neither the request nor its answer stays anywhere but in this page's memory.
//!
//! `web_sys::fetch` directly, not gloo-net: gloo-net re-serialises the URL (adding a
//! trailing `&`), and the URL sent should be exactly the one `live::model::api` built and tests.
//!
//! When a request gets no answer at all, the browser says only "Failed to fetch", whatever
//! the cause; [`get`] notes whether the page's CSP refused it (a `securitypolicyviolation`
//! event for that URL), and [`diagnose`] tells a CORS refusal (the tenant answers a probe
//! that carries no token and reads nothing) from no network at all.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Headers, ReferrerPolicy, RequestCache, RequestCredentials, RequestInit,
    RequestMode, Response, SecurityPolicyViolationEvent,
};

use super::model::api::retry_after_ms;
use super::model::blocked::Blocked;
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
    /// The page's CSP refused the connection: nothing was sent.
    Policy,
    /// No answer (`answered: false`), or an answer cut off mid-way (a reset, a truncated
    /// body); what the browser said.
    Network { answered: bool, said: String },
}

pub async fn get(url: &str, token: &Token, signal: &AbortSignal) -> Result<Answer, NetError> {
    let refused_by_policy = Rc::new(Cell::new(false));
    let _watch = {
        let (refused, url) = (refused_by_policy.clone(), url.to_string());
        EventListener::new(
            &gloo::utils::document(),
            "securitypolicyviolation",
            move |e| {
                if let Some(e) = e.dyn_ref::<SecurityPolicyViolationEvent>() {
                    if url.starts_with(&e.blocked_uri()) || e.blocked_uri().starts_with(&url) {
                        refused.set(true);
                    }
                }
            },
        )
    };
    let failed = |answered: bool, e: JsValue| {
        if signal.aborted() {
            NetError::Aborted
        } else {
            let said = e.dyn_ref::<js_sys::Error>().map_or_else(
                || "unknown error".to_string(),
                |e| String::from(e.message()),
            );
            NetError::Network { answered, said }
        }
    };
    let headers = Headers::new().map_err(|e| failed(false, e))?;
    headers
        .set("X-Tapis-Token", token.expose())
        .map_err(|e| failed(false, e))?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_cache(RequestCache::NoStore);
    init.set_mode(RequestMode::Cors);
    init.set_signal(Some(signal));
    let promise = gloo::utils::window().fetch_with_str_and_init(url, &init);
    let response: Response = match JsFuture::from(promise).await {
        Ok(r) => r.unchecked_into(),
        Err(e) => {
            // The violation event is queued as a task of its own: let it run first.
            let _ = gloo::timers::future::TimeoutFuture::new(0).await;
            return Err(if refused_by_policy.get() {
                NetError::Policy
            } else {
                failed(false, e)
            });
        }
    };
    let status = response.status();
    let retry_after = response
        .headers()
        .get("retry-after")
        .ok()
        .flatten()
        .and_then(|v| retry_after_ms(&v, clock::now_ms()));
    let text = response.text().map_err(|e| failed(true, e))?;
    let body = JsFuture::from(text)
        .await
        .map_err(|e| failed(true, e))?
        .as_string()
        .unwrap_or_default();
    Ok(Answer {
        status,
        retry_after_ms: retry_after,
        body,
    })
}

/// Why a request to `url` got no answer: a probe of the same URL without the token, in
/// `no-cors` mode (no preflight; the answer is opaque, nothing is read). If the tenant
/// answers that, the host is there and it was CORS that withheld the real answer.
pub async fn diagnose(url: &str) -> Blocked {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_cache(RequestCache::NoStore);
    init.set_mode(RequestMode::NoCors);
    let promise = gloo::utils::window().fetch_with_str_and_init(url, &init);
    match JsFuture::from(promise).await {
        Ok(_) => Blocked::Cors,
        Err(_) => Blocked::Network,
    }
}
