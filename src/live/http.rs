//! One GET to the tenant: the only code that reads the token's text, to put it in the
//! `X-Tapis-Token` header. Never in the URL; no cookies (`credentials: 'omit'`; Tapis
//! answers `Access-Control-Allow-Origin: *`), no referrer, no HTTP cache (`no-store`), so
//! neither the request nor its answer stays anywhere but in this page's memory.

use gloo::net::http::Request;
use web_sys::{AbortSignal, ReferrerPolicy, RequestCache, RequestCredentials, RequestMode};

use super::api::retry_after_ms;
use super::token::Token;

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
    let failed = |what: &str, e: gloo::net::Error| {
        if signal.aborted() {
            NetError::Aborted
        } else {
            NetError::Network(format!("{what} ({e})"))
        }
    };
    let response = Request::get(url)
        .header("X-Tapis-Token", token.expose())
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .cache(RequestCache::NoStore)
        .mode(RequestMode::Cors)
        .abort_signal(Some(signal))
        .send()
        .await
        .map_err(|e| failed("no answer from the tenant", e))?;
    let status = response.status();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| retry_after_ms(&v, super::clock::now_ms()));
    let body = response
        .text()
        .await
        .map_err(|e| failed("the answer was cut off", e))?;
    Ok(Answer {
        status,
        retry_after_ms: retry_after,
        body,
    })
}
