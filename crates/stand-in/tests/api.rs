//! The stand-in answers like Tapis: checked through its router, in process, and
//! over a real socket for the faults that break connections.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tapis_stand_in::faults::Config;
use tapis_stand_in::store::{Store, StoredJob};
use tapis_stand_in::{auth, router, StandIn};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

fn stand_in(history_len: usize) -> Arc<StandIn> {
    let mut store = Store::default();
    for i in 0..3 {
        let Value::Object(job) = json!({
            "uuid": format!("job-{i}"), "owner": "ana", "status": "FINISHED", "appId": "app",
            "created": format!("2025-01-0{}T00:00:00Z", i + 1), "name": format!("run {i}"),
        }) else {
            unreachable!()
        };
        let history = (0..history_len)
            .map(|n| json!({"event": "JOB_NEW_STATUS", "created": "2025-01-01T00:00:00Z", "eventDetail": format!("E{n}")}))
            .collect();
        store.add(StoredJob { job, history });
    }
    StandIn::new("designsafe", store, Config::default())
}

fn token() -> String {
    auth::mint("ana", "designsafe", chrono::Utc::now().timestamp() + 600)
}

async fn get(
    s: &Arc<StandIn>,
    uri: &str,
    token: Option<&str>,
) -> (StatusCode, String, axum::http::HeaderMap) {
    let mut req = Request::get(uri);
    if let Some(t) = token {
        req = req.header("X-Tapis-Token", t);
    }
    let res = router(s.clone())
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap(), headers)
}

#[tokio::test]
async fn history_pages_at_100_by_default() {
    let s = stand_in(130);
    let (status, body, headers) = get(&s, "/v3/jobs/job-0/history", Some(&token())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["access-control-allow-origin"], "*");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "success");
    assert_eq!(v["result"].as_array().unwrap().len(), 100);
    assert_eq!(v["metadata"]["recordLimit"], 100);
    assert_eq!(v["metadata"]["totalCount"], -1);
    let (_, body, _) = get(
        &s,
        "/v3/jobs/job-0/history?limit=100&skip=100",
        Some(&token()),
    )
    .await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["result"].as_array().unwrap().len(), 30);
    assert_eq!(v["result"][0]["eventDetail"], "E100");
}

#[tokio::test]
async fn bad_tokens_get_plain_text_401s() {
    let s = stand_in(1);
    let expired = auth::mint("ana", "designsafe", 1);
    for t in [None, Some("garbage"), Some(expired.as_str())] {
        let (status, body, headers) = get(&s, "/v3/jobs/search", t).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{t:?}");
        assert!(headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        assert!(
            serde_json::from_str::<Value>(&body).is_err(),
            "401 body must not be JSON: {body}"
        );
        assert_eq!(
            headers["access-control-allow-origin"], "*",
            "CORS headers on errors too"
        );
    }
}

#[tokio::test]
async fn a_missing_job_is_a_404_that_says_success() {
    let s = stand_in(1);
    let (status, body, _) = get(&s, "/v3/jobs/nope/history", Some(&token())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "success");
    assert_eq!(v["result"]["name"], "nope");
}

#[tokio::test]
async fn search_selects_orders_and_counts() {
    let s = stand_in(1);
    let uri = "/v3/jobs/search?listType=MY_JOBS&orderBy=created(desc)&limit=2&skip=0&computeTotal=true&select=uuid,status,created";
    let (status, body, _) = get(&s, uri, Some(&token())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["result"][0]["uuid"], "job-2");
    assert_eq!(v["metadata"]["totalCount"], 3);
    assert_eq!(v["result"][0].as_object().unwrap().len(), 3);
    let (status, _, _) = get(&s, "/v3/jobs/search?select=nonsense", Some(&token())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn preflight_is_answered_without_a_token() {
    let s = stand_in(1);
    let req = Request::builder()
        .method("OPTIONS")
        .uri("/v3/jobs/search")
        .header("Origin", "http://127.0.0.1:9")
        .header("Access-Control-Request-Headers", "x-tapis-token")
        .body(Body::empty())
        .unwrap();
    let res = router(s).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let allowed = res.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap();
    assert!(allowed.contains("x-tapis-token"));
}

#[tokio::test]
async fn preflights_cross_the_same_slow_network() {
    let s = stand_in(1);
    let config: Config = serde_json::from_value(json!({ "latencyMs": 120 })).unwrap();
    let put = Request::put("/_stand-in/config")
        .header("content-type", "application/json")
        .body(Body::from(serde_json::to_string(&config).unwrap()))
        .unwrap();
    router(s.clone()).oneshot(put).await.unwrap();
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri("/v3/jobs/job-0/history")
        .header("Origin", "http://127.0.0.1:9")
        .body(Body::empty())
        .unwrap();
    let started = std::time::Instant::now();
    let res = router(s).oneshot(preflight).await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(started.elapsed() >= std::time::Duration::from_millis(120));
}

#[tokio::test]
async fn faults_hit_then_let_retries_through_and_the_log_has_no_tokens() {
    let s = stand_in(1);
    let config: Config = serde_json::from_value(json!({
        "faults": [{"kind": "tooManyRequests", "rate": 1.0, "scope": "history", "maxPerPath": 2}]
    }))
    .unwrap();
    let app = router(s.clone());
    let put = Request::put("/_stand-in/config")
        .header("content-type", "application/json")
        .body(Body::from(serde_json::to_string(&config).unwrap()))
        .unwrap();
    assert_eq!(app.oneshot(put).await.unwrap().status(), StatusCode::OK);
    let t = token();
    let statuses = [
        get(&s, "/v3/jobs/job-1/history", Some(&t)).await.0,
        get(&s, "/v3/jobs/job-1/history", Some(&t)).await.0,
        get(&s, "/v3/jobs/job-1/history", Some(&t)).await.0,
    ];
    assert_eq!(
        statuses,
        [
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::OK
        ]
    );
    let (_, log, _) = get(&s, "/_stand-in/requests", None).await;
    assert!(!log.contains(&t), "the request log must not hold tokens");
    let log: Value = serde_json::from_str(&log).unwrap();
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["hasToken"] == true && r["status"] == 429));
}

#[tokio::test]
async fn a_truncated_body_breaks_the_connection_mid_way() {
    let s = stand_in(50);
    let config: Config = serde_json::from_value(json!({
        "faults": [{"kind": "truncated", "rate": 1.0, "maxPerPath": 0}]
    }))
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(s)).await });
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let put = serde_json::to_string(&config).unwrap();
    let req = format!(
        "PUT /_stand-in/config HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{put}",
        put.len()
    );
    conn.write_all(req.as_bytes()).await.unwrap();
    let mut ignored = Vec::new();
    conn.read_to_end(&mut ignored).await.unwrap();

    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "GET /v3/jobs/job-0/history HTTP/1.1\r\nHost: x\r\nX-Tapis-Token: {}\r\n\r\n",
        token()
    );
    conn.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    let _ = conn.read_to_end(&mut raw).await; // ends early: the server drops the connection
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let announced: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap();
    assert!(
        body.len() < announced,
        "sent {} of {announced} bytes",
        body.len()
    );
    assert!(serde_json::from_str::<Value>(body).is_err());
}
