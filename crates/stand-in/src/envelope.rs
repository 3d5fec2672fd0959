//! The Tapis response envelope, as tapis-shared-java's Gson serialises it (nulls present;
//! see API.md §2.2). Tapis writes `result` first; here keys come sorted, as `serde_json`'s
//! map keeps them, which no JSON reader minds.

use serde_json::{json, Value};

/// Version string the stand-in reports in every envelope.
pub const VERSION: &str = "1.9.1-stand-in";

/// `{"result": …, "status": "success", "message": …, "version": …, "metadata": …}`.
pub fn success(result: Value, message: &str, metadata: Value) -> Value {
    json!({
        "result": result,
        "status": "success",
        "message": message,
        "version": VERSION,
        "commit": "stand-in",
        "build": "2026-11-24T00:00:00Z",
        "metadata": metadata,
    })
}

/// An error envelope: `status: "error"`, `result: null`.
pub fn error(message: &str) -> Value {
    json!({
        "result": null,
        "status": "error",
        "message": message,
        "version": VERSION,
        "commit": "stand-in",
        "build": "2026-11-24T00:00:00Z",
        "metadata": {},
    })
}

/// List metadata (`ResultListMetadata`).
pub fn list_metadata(
    count: usize,
    limit: i64,
    skip: usize,
    order_by: Option<&str>,
    total: i64,
) -> Value {
    json!({
        "recordCount": count,
        "recordLimit": limit,
        "recordsSkipped": skip,
        "orderBy": order_by,
        "startAfter": null,
        "totalCount": total,
    })
}
