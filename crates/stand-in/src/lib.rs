//! A stand-in for a Tapis tenant's Jobs API, for the app's tests and demos.
//!
//! It answers the endpoints the profiler calls the way Tapis does (API.md §2–4):
//! the response envelope, job objects with every key (`job_object`), `limit`/`skip`
//! paging with history pages of 100, `X-Tapis-Token` checks with plain-text 401s, a
//! 404 that says `"success"`, and the CORS headers Tapis' nginx adds
//! (`Access-Control-Allow-Origin: *`); and what tapipy's sign-in asks first
//! (`sign_in`), so the real tapipy is a client too. Latency (on CORS preflights as on
//! every request) and faults (429, 500, slow, truncated body, reset) are configured at
//! run time through `/_stand-in/config`, and every request is logged (without
//! its token) at `/_stand-in/requests`, so tests can check what the app sent.
//! `/_stand-in/export` gives every job served as one bundle in the project's
//! format, so tests can run the core on exactly the data the app fetched.

pub mod auth;
pub mod envelope;
pub mod faults;
pub mod fixtures;
pub mod job_object;
pub mod search;
pub mod sign_in;
pub mod store;
pub mod synthetic;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::faults::{Config, FaultKind};
use crate::store::{Store, StoredJob};

/// The tenant being played, its jobs, and what tests configured and observed.
pub struct StandIn {
    pub tenant: String,
    store: RwLock<Store>,
    config: Mutex<Config>,
    /// Per path: (requests so far, faults so far).
    counters: Mutex<HashMap<String, (u32, u32)>>,
    log: Mutex<Vec<RequestRecord>>,
    started: Instant,
}

/// One request as the stand-in saw it. Tokens are never recorded, only whether
/// one was sent.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecord {
    pub at_ms: u128,
    /// From the request's arrival to its answer's headers (latency included).
    pub took_ms: u128,
    pub method: String,
    pub path: String,
    pub query: String,
    pub status: u16,
    pub has_token: bool,
    pub has_cookie: bool,
    pub has_referer: bool,
    pub origin: Option<String>,
}

impl StandIn {
    pub fn new(tenant: &str, store: Store, config: Config) -> Arc<StandIn> {
        Arc::new(StandIn {
            tenant: tenant.to_string(),
            store: RwLock::new(store),
            config: Mutex::new(config),
            counters: Mutex::new(HashMap::new()),
            log: Mutex::new(Vec::new()),
            started: Instant::now(),
        })
    }

    pub fn job_count(&self) -> usize {
        self.store.read().unwrap().len()
    }

    /// Counts a request to `path`: returns (attempt index, faults so far).
    fn count(&self, path: &str) -> (u32, u32) {
        let mut counters = self.counters.lock().unwrap();
        let entry = counters.entry(path.to_string()).or_default();
        let seen = *entry;
        entry.0 += 1;
        seen
    }

    fn count_fault(&self, path: &str) {
        if let Some(entry) = self.counters.lock().unwrap().get_mut(path) {
            entry.1 += 1;
        }
    }
}

/// The stand-in's routes: the Jobs API under `/v3/jobs`, controls under `/_stand-in`.
pub fn router(state: Arc<StandIn>) -> Router {
    Router::new()
        .route("/v3/jobs/list", get(list))
        .route("/v3/jobs/search", get(search_jobs))
        .route("/v3/jobs/{uuid}", get(job))
        .route("/v3/jobs/{uuid}/history", get(history))
        .route("/v3/sites", get(sites))
        .route("/v3/tenants", get(tenants))
        .route("/v3/oauth2/tokens", post(create_token))
        .route("/_stand-in/config", get(get_config).put(put_config))
        .route(
            "/_stand-in/requests",
            get(get_requests).delete(clear_requests),
        )
        .route("/_stand-in/token", post(mint_token))
        .route("/_stand-in/jobs/{uuid}/events", post(append_event))
        .route("/_stand-in/health", put(health).get(health))
        .route("/_stand-in/export", get(export_all))
        .layer(middleware::from_fn_with_state(state.clone(), cors_and_log))
        .with_state(state)
}

// ---------------------------------------------------------------------------------------------
// The Jobs API
// ---------------------------------------------------------------------------------------------

type Pairs = Query<Vec<(String, String)>>;

async fn list(State(s): State<Arc<StandIn>>, headers: HeaderMap, Query(q): Pairs) -> Response {
    listing(&s, "/v3/jobs/list", &headers, &q, false).await
}

async fn search_jobs(
    State(s): State<Arc<StandIn>>,
    headers: HeaderMap,
    Query(q): Pairs,
) -> Response {
    listing(&s, "/v3/jobs/search", &headers, &q, true).await
}

async fn listing(
    s: &StandIn,
    path: &str,
    headers: &HeaderMap,
    pairs: &[(String, String)],
    for_search: bool,
) -> Response {
    let key = format!(
        "{path}?{}",
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    );
    guarded(s, &key, headers, |caller| {
        let query = match search::parse_query(pairs, for_search) {
            Ok(q) => q,
            Err(why) => return (StatusCode::BAD_REQUEST, envelope::error(&why)),
        };
        let store = s.store.read().unwrap();
        let (items, total) = search::run(store.jobs(), &caller.username, &query);
        let message = if items.is_empty() {
            format!("JOBS_SEARCH_NO_JOBS_FOUND No jobs found for user {} in tenant {}.", caller.username, s.tenant)
        } else {
            format!("JOBS_SEARCH_RESULT_LIST_RETRIEVED Jobs search list for the user {} in the tenant {} retrieved.", caller.username, s.tenant)
        };
        let total = if query.compute_total { total as i64 } else { -1 };
        let meta = envelope::list_metadata(items.len(), query.limit, query.skip, query.order_by.as_deref(), total);
        (StatusCode::OK, envelope::success(Value::Array(items), &message, meta))
    })
    .await
}

async fn job(
    State(s): State<Arc<StandIn>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Response {
    let path = format!("/v3/jobs/{uuid}");
    guarded(&s, &path, &headers, |caller| {
        let store = s.store.read().unwrap();
        match store.get(&uuid).filter(|j| owned_by(j, &caller.username)) {
            Some(job) => (
                StatusCode::OK,
                envelope::success(
                    Value::Object(job.job.clone()),
                    &format!("JOBS_RETRIEVED Job {uuid} retrieved."),
                    json!({}),
                ),
            ),
            None => not_found(&uuid),
        }
    })
    .await
}

async fn history(
    State(s): State<Arc<StandIn>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    Query(q): Pairs,
) -> Response {
    let path = format!("/v3/jobs/{uuid}/history");
    let key = format!(
        "{path}?{}",
        q.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    );
    let broken = s.config.lock().unwrap().broken_jobs.contains(&uuid);
    guarded(&s, &key, &headers, |caller| {
        let param = |name: &str, default: i64| {
            q.iter().find(|(k, _)| k == name).map_or(Ok(default), |(_, v)| v.parse::<i64>().map_err(|_| format!("{name} is not a number: {v}")))
        };
        let (limit, skip) = match (param("limit", 100), param("skip", 0)) {
            (Ok(l), Ok(s)) if l >= 0 && s >= 0 => (l as usize, s as usize),
            (Err(why), _) | (_, Err(why)) => return (StatusCode::BAD_REQUEST, envelope::error(&why)),
            // PostgreSQL refuses a negative LIMIT or OFFSET (API.md §2.1).
            _ => return (StatusCode::INTERNAL_SERVER_ERROR, envelope::error("JOBS_HISTORY_DB_ERROR LIMIT and OFFSET must not be negative.")),
        };
        let store = s.store.read().unwrap();
        let Some(job) = store.get(&uuid).filter(|j| owned_by(j, &caller.username)) else {
            return not_found(&uuid);
        };
        if broken {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                envelope::error(&format!("FILES_TRANSFER_NOT_FOUND Transfer task for job {uuid} could not be retrieved from the Files service.")),
            );
        }
        let page: Vec<Value> = job.history.iter().skip(skip).take(limit).cloned().collect();
        let meta = envelope::list_metadata(page.len(), limit as i64, skip, None, -1);
        let message = format!("JOBS_HISTORY_RETRIEVED Job {uuid} history retrieved for user {} tenant {}", caller.username, s.tenant);
        (StatusCode::OK, envelope::success(Value::Array(page), &message, meta))
    })
    .await
}

/// The URL the client reached this stand-in at (tapipy finds its tenant by it).
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

async fn sites(headers: HeaderMap) -> Response {
    let body = envelope::success(
        sign_in::sites(&base_url(&headers)),
        "Sites retrieved.",
        json!({}),
    );
    json_response(StatusCode::OK, &body)
}

async fn tenants(State(s): State<Arc<StandIn>>, headers: HeaderMap) -> Response {
    let list = sign_in::tenants(&base_url(&headers), &s.tenant);
    json_response(
        StatusCode::OK,
        &envelope::success(list, "Tenants retrieved.", json!({})),
    )
}

/// `POST /v3/oauth2/tokens`, with a JSON or a form-encoded body.
async fn create_token(State(s): State<Arc<StandIn>>, headers: HeaderMap, body: Bytes) -> Response {
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    let form: Vec<(String, String)> = if json_body {
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(map)) => map
                .into_iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k, v.to_string())))
                .collect(),
            _ => Vec::new(),
        }
    } else {
        url_pairs(&String::from_utf8_lossy(&body))
    };
    let now = chrono::Utc::now().timestamp();
    match sign_in::token(&form, &s.tenant, now, 4 * 3600) {
        Ok(result) => json_response(
            StatusCode::OK,
            &envelope::success(result, "Token created successfully.", json!({})),
        ),
        Err(why) => json_response(StatusCode::UNAUTHORIZED, &envelope::error(&why)),
    }
}

/// `a=1&b=two%20words` as pairs (a form body).
fn url_pairs(text: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                (b'%', Some(b)) => {
                    out.push(b);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    text.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

fn owned_by(job: &StoredJob, user: &str) -> bool {
    job.job.get("owner").and_then(Value::as_str) == Some(user)
}

/// Tapis answers a missing or hidden job with 404 and `"status": "success"` (API.md §2.2).
fn not_found(uuid: &str) -> (StatusCode, Value) {
    (
        StatusCode::NOT_FOUND,
        envelope::success(
            json!({ "name": uuid }),
            &format!("JOBS_JOB_NOT_FOUND Job {uuid} not found."),
            json!({}),
        ),
    )
}

/// Latency, injected faults and the token check, in that order, around a handler.
async fn guarded(
    s: &StandIn,
    key: &str,
    headers: &HeaderMap,
    answer: impl FnOnce(&auth::Caller) -> (StatusCode, Value),
) -> Response {
    let (attempt, faults_so_far) = s.count(key);
    let config = s.config.lock().unwrap().clone();
    let latency = config.latency_for(key, attempt);
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let fault = config.fault_for(key, attempt, faults_so_far).cloned();
    if fault.is_some() {
        s.count_fault(key);
    }
    match fault.as_ref().map(|f| f.kind) {
        Some(FaultKind::TooManyRequests) => {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, "1")],
                "Too Many Requests",
            )
                .into_response();
        }
        Some(FaultKind::ServerError) => {
            return json_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                &envelope::error("JOBS_SERVER_ERROR The service is temporarily unavailable."),
            );
        }
        Some(FaultKind::Unauthorized) => {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "TAPIS_SECURITY_JWT_INVALID The JWT in header X-Tapis-Token is not valid.",
            )
                .into_response();
        }
        Some(FaultKind::Slow) => {
            let extra = fault.as_ref().map_or(0, |f| f.slow_ms);
            tokio::time::sleep(Duration::from_millis(extra)).await;
        }
        _ => {}
    }
    let token = headers.get("x-tapis-token").and_then(|v| v.to_str().ok());
    let now = chrono::Utc::now().timestamp();
    let caller = match auth::check(token, &s.tenant, now) {
        Ok(caller) => caller,
        Err(refusal) => {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                refusal.0,
            )
                .into_response();
        }
    };
    let (status, body) = answer(&caller);
    match fault.map(|f| f.kind) {
        Some(FaultKind::Truncated) => broken_body(status, &body, true),
        Some(FaultKind::Reset) => broken_body(status, &body, false),
        _ => json_response(status, &body),
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// Announces the whole body, sends half of it (or none) and drops the connection.
/// The pause before the drop lets hyper flush what was sent, as a real network would.
fn broken_body(status: StatusCode, body: &Value, send_half: bool) -> Response {
    use futures_util::StreamExt;
    let bytes = body.to_string().into_bytes();
    let announced = bytes.len();
    let sent = if send_half {
        bytes[..bytes.len() / 2].to_vec()
    } else {
        Vec::new()
    };
    let chunks = futures_util::stream::iter([Some(sent), None]).then(|chunk| async move {
        match chunk {
            Some(sent) => Ok(Bytes::from(sent)),
            None => {
                tokio::time::sleep(Duration::from_millis(30)).await;
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "stand-in dropped the connection",
                ))
            }
        }
    });
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, announced)
        .body(Body::from_stream(chunks))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

// ---------------------------------------------------------------------------------------------
// CORS as Tapis' nginx sends it, and the request log
// ---------------------------------------------------------------------------------------------

/// The headers tapis-deployer's nginx adds to every response (API.md §4).
fn add_cors(headers: &mut HeaderMap) {
    let pairs = [
        ("access-control-allow-origin", "*"),
        ("access-control-allow-credentials", "true"),
        ("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS"),
        (
            "access-control-allow-headers",
            "Accept,Authorization,Cache-Control,Content-Type,DNT,If-Modified-Since,Keep-Alive,Origin,User-Agent,X-Mx-ReqToken,X-Requested-With,x-tapis-token,x-tapis-tracking-id",
        ),
    ];
    for (name, value) in pairs {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

async fn cors_and_log(State(s): State<Arc<StandIn>>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or_default().to_string();
    let headers = req.headers();
    let arrived = Instant::now();
    let mut record = RequestRecord {
        at_ms: s.started.elapsed().as_millis(),
        took_ms: 0,
        method: method.to_string(),
        path: path.clone(),
        query,
        status: 0,
        has_token: headers.contains_key("x-tapis-token"),
        has_cookie: headers.contains_key(header::COOKIE),
        has_referer: headers.contains_key(header::REFERER),
        origin: headers
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    };
    let mut response = if method == Method::OPTIONS {
        // A preflight crosses the same network as the request it precedes.
        let latency = s
            .config
            .lock()
            .unwrap()
            .latency_for(&format!("OPTIONS {path}"), 0);
        if latency > 0 && path.starts_with("/v3/") {
            tokio::time::sleep(Duration::from_millis(latency)).await;
        }
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    add_cors(response.headers_mut());
    record.status = response.status().as_u16();
    record.took_ms = arrived.elapsed().as_millis();
    if !path.starts_with("/_stand-in/requests") {
        s.log.lock().unwrap().push(record);
    }
    response
}

// ---------------------------------------------------------------------------------------------
// Controls for tests and demos
// ---------------------------------------------------------------------------------------------

async fn get_config(State(s): State<Arc<StandIn>>) -> Json<Config> {
    Json(s.config.lock().unwrap().clone())
}

/// Replaces the fault configuration and forgets per-path counters.
async fn put_config(State(s): State<Arc<StandIn>>, Json(config): Json<Config>) -> Json<Config> {
    *s.config.lock().unwrap() = config.clone();
    s.counters.lock().unwrap().clear();
    Json(config)
}

async fn get_requests(State(s): State<Arc<StandIn>>) -> Json<Vec<RequestRecord>> {
    Json(s.log.lock().unwrap().clone())
}

async fn clear_requests(State(s): State<Arc<StandIn>>) -> StatusCode {
    s.log.lock().unwrap().clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenRequest {
    user: Option<String>,
    tenant: Option<String>,
    /// Negative for an already expired token.
    ttl_seconds: Option<i64>,
}

/// Mints an unsigned token shaped like Tapis' (for tests and demos only).
async fn mint_token(State(s): State<Arc<StandIn>>, Json(req): Json<TokenRequest>) -> Json<Value> {
    let user = req.user.unwrap_or_else(|| "testuser".into());
    let tenant = req.tenant.unwrap_or_else(|| s.tenant.clone());
    let expires = chrono::Utc::now().timestamp() + req.ttl_seconds.unwrap_or(4 * 3600);
    Json(json!({ "token": auth::mint(&user, &tenant, expires), "expiresAt": expires }))
}

/// Appends a history event (as Tapis would write it) and, for a status event,
/// moves the job to that status: lets tests make an active job progress.
async fn append_event(
    State(s): State<Arc<StandIn>>,
    Path(uuid): Path<String>,
    Json(event): Json<Value>,
) -> Response {
    let mut store = s.store.write().unwrap();
    let Some(mut job) = store.get(&uuid).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut event = event;
    if let Some(Value::String(t)) = event.get_mut("created") {
        *t = job_object::to_micros(t);
    }
    if event.get("event").and_then(Value::as_str) == Some("JOB_NEW_STATUS") {
        if let Some(status) = event.get("eventDetail").and_then(Value::as_str) {
            let created = event.get("created").cloned().unwrap_or(Value::Null);
            job.job
                .insert("status".into(), Value::String(status.into()));
            job.job.insert("lastUpdated".into(), created.clone());
            if matches!(status, "FINISHED" | "FAILED" | "CANCELLED") {
                job.job.insert("ended".into(), created);
            }
        }
    }
    job.history.push(event);
    store.add(job);
    StatusCode::NO_CONTENT.into_response()
}

/// Every job with its whole history, as one bundle (`docs/formats.md`).
async fn export_all(State(s): State<Arc<StandIn>>) -> Response {
    let text = export(&s.store.read().unwrap());
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

/// The store as a bundle in the project's format: each job object with its
/// history events exactly as the Jobs API serves them.
pub fn export(store: &Store) -> String {
    let jobs: Vec<Value> = store
        .jobs()
        .iter()
        .map(|j| json!({ "uuid": j.uuid(), "job": j.job, "history": j.history }))
        .collect();
    json!({ "format": tapis_profile::import::BUNDLE_FORMAT, "version": tapis_profile::import::BUNDLE_VERSION, "jobs": jobs })
        .to_string()
}

async fn health(State(s): State<Arc<StandIn>>) -> Json<Value> {
    Json(json!({ "tenant": s.tenant, "jobs": s.job_count() }))
}
