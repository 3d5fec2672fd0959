//! `GET /v3/jobs/list` and `GET /v3/jobs/search` semantics (API.md §3.2–3.3):
//! paging with `limit`/`skip`, `orderBy=attr(asc|desc),…`, `computeTotal`,
//! `select=summaryAttributes|allAttributes|a,b,c` (the jobs table's columns, others
//! refused; the object's own keys only, `uuid` added unless `id` or `uuid` was
//! asked for, as Jobs' `RespJobSearchSelectAttributes` does), and filters written
//! `attr.op=value`.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::job_object;
use crate::store::StoredJob;

/// The keys of a summary item (`JobListDTO`); `condition` is always null there.
pub const SUMMARY_KEYS: [&str; 14] = [
    "uuid",
    "name",
    "owner",
    "appId",
    "created",
    "status",
    "condition",
    "remoteStarted",
    "ended",
    "tenant",
    "execSystemId",
    "archiveSystemId",
    "appVersion",
    "lastUpdated",
];

#[derive(Debug, Clone, PartialEq)]
pub enum Select {
    Summary,
    All,
    Keys(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub attr: String,
    pub op: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// -1 means no limit.
    pub limit: i64,
    pub skip: usize,
    pub order_by: Option<String>,
    pub compute_total: bool,
    pub select: Select,
    pub filters: Vec<Filter>,
}

const OPS: [&str; 14] = [
    "eq",
    "neq",
    "gt",
    "gte",
    "lt",
    "lte",
    "in",
    "nin",
    "like",
    "nlike",
    "between",
    "nbetween",
    "contains",
    "ncontains",
];

/// Reads the query string's pairs. `for_search` = the search endpoint (filters and
/// `select` apply); `/list` ignores both, as Tapis does.
pub fn parse_query(pairs: &[(String, String)], for_search: bool) -> Result<Query, String> {
    let mut q = Query {
        limit: 100,
        skip: 0,
        order_by: None,
        compute_total: false,
        select: Select::Summary,
        filters: Vec::new(),
    };
    for (key, value) in pairs {
        match key.as_str() {
            "limit" => {
                q.limit = value
                    .parse()
                    .map_err(|_| format!("limit is not a number: {value}"))?
            }
            "skip" => {
                q.skip = value
                    .parse()
                    .map_err(|_| format!("skip is not a number: {value}"))?
            }
            "orderBy" => q.order_by = Some(value.clone()),
            "computeTotal" => q.compute_total = value == "true",
            "listType" | "pretty" | "startAfter" => {}
            "select" if for_search => q.select = parse_select(value)?,
            _ if for_search => {
                if let Some((attr, op)) = key.rsplit_once('.') {
                    if !OPS.contains(&op) {
                        return Err(format!("unknown search operator `{op}` in `{key}`"));
                    }
                    q.filters.push(Filter {
                        attr: attr.into(),
                        op: op.into(),
                        value: value.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(q)
}

fn parse_select(value: &str) -> Result<Select, String> {
    match value {
        "" | "summaryAttributes" => Ok(Select::Summary),
        "allAttributes" => Ok(Select::All),
        list => {
            let keys: Vec<String> = list.split(',').map(|k| k.trim().to_string()).collect();
            if let Some(bad) = keys.iter().find(|k| !job_object::is_column(k)) {
                return Err(format!(
                    "JOBS_SEARCH_INVALID_SELECTLIST_ERROR Invalid attribute in the select list: {bad}"
                ));
            }
            Ok(Select::Keys(keys))
        }
    }
}

/// The page of items the query selects, and the total that matched.
pub fn run(jobs: &[StoredJob], owner: &str, q: &Query) -> (Vec<Value>, usize) {
    let mut matched: Vec<&Map<String, Value>> = jobs
        .iter()
        .map(|j| &j.job)
        .filter(|j| j.get("owner").and_then(Value::as_str) == Some(owner))
        .filter(|j| q.filters.iter().all(|f| matches(j, f)))
        .collect();
    if let Some(order) = &q.order_by {
        let keys = parse_order(order);
        matched.sort_by(|a, b| {
            keys.iter()
                .map(|(k, desc)| {
                    let o = compare(a.get(k.as_str()), b.get(k.as_str()));
                    if *desc {
                        o.reverse()
                    } else {
                        o
                    }
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
    }
    let total = matched.len();
    let page = matched
        .into_iter()
        .skip(q.skip)
        .take(if q.limit < 0 {
            usize::MAX
        } else {
            q.limit as usize
        })
        .map(|j| project(j, &q.select))
        .collect();
    (page, total)
}

fn parse_order(order: &str) -> Vec<(String, bool)> {
    order
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|part| {
            let part = part.trim();
            match part.split_once('(') {
                Some((key, dir)) => (
                    key.to_string(),
                    dir.trim_end_matches(')').eq_ignore_ascii_case("desc"),
                ),
                None => (part.to_string(), false),
            }
        })
        .collect()
}

fn project(job: &Map<String, Value>, select: &Select) -> Value {
    let pick = |keys: &mut dyn Iterator<Item = &str>| {
        let mut out = Map::new();
        for key in keys {
            let value = job.get(key).cloned().unwrap_or(Value::Null);
            out.insert(key.to_string(), value);
        }
        Value::Object(out)
    };
    match select {
        Select::All => Value::Object(job.clone()),
        Select::Summary => {
            let mut item = pick(&mut SUMMARY_KEYS.iter().copied());
            item["condition"] = Value::Null; // the list query never selects it (API.md §3.2)
            item
        }
        Select::Keys(keys) => {
            let asked = |k: &str| keys.iter().any(|s| s == k);
            let mut out: Map<String, Value> = job
                .iter()
                .filter(|(k, _)| asked(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if !asked("id") && !asked("uuid") {
                out.insert(
                    "uuid".into(),
                    job.get("uuid").cloned().unwrap_or(Value::Null),
                );
            }
            Value::Object(out)
        }
    }
}

fn matches(job: &Map<String, Value>, f: &Filter) -> bool {
    let field = job.get(f.attr.as_str());
    let one = |v: &str| compare(field, Some(&Value::String(v.to_string())));
    let list = || f.value.split(',').map(str::trim);
    let text = field.map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    match f.op.as_str() {
        "eq" => one(&f.value).is_eq(),
        "neq" => one(&f.value).is_ne(),
        "gt" => one(&f.value).is_gt(),
        "gte" => one(&f.value).is_ge(),
        "lt" => one(&f.value).is_lt(),
        "lte" => one(&f.value).is_le(),
        "in" => list().any(|v| one(v).is_eq()),
        "nin" => !list().any(|v| one(v).is_eq()),
        "between" | "nbetween" => {
            let mut bounds = list();
            let inside = match (bounds.next(), bounds.next()) {
                (Some(lo), Some(hi)) => one(lo).is_ge() && one(hi).is_le(),
                _ => false,
            };
            inside == (f.op == "between")
        }
        "like" | "nlike" => text.is_some_and(|t| like(&t, &f.value)) == (f.op == "like"),
        "contains" | "ncontains" => {
            let found = match field {
                Some(Value::Array(items)) => {
                    items.iter().any(|i| i.as_str() == Some(f.value.as_str()))
                }
                _ => text.is_some_and(|t| t.contains(&f.value)),
            };
            found == (f.op == "contains")
        }
        _ => false,
    }
}

/// Compares JSON values as Tapis' SQL would: instants as instants (a bare date
/// means its midnight), numbers as numbers, the rest as text; null sorts first.
fn compare(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    let a = a.filter(|v| !v.is_null());
    let b = b.filter(|v| !v.is_null());
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => {
            if let (Some(x), Some(y)) = (instant(a), instant(b)) {
                return x.cmp(&y);
            }
            if let (Some(x), Some(y)) = (number(a), number(b)) {
                return x.partial_cmp(&y).unwrap_or(Ordering::Equal);
            }
            as_text(a).cmp(&as_text(b))
        }
    }
}

fn instant(v: &Value) -> Option<DateTime<Utc>> {
    let s = v.as_str()?;
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
        })
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64().or_else(|| v.as_str()?.parse().ok())
}

fn as_text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// SQL LIKE: `%` any run, `_` any one character.
fn like(text: &str, pattern: &str) -> bool {
    fn go(t: &[char], p: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('%', rest)) => (0..=t.len()).any(|i| go(&t[i..], rest)),
            Some(('_', rest)) => !t.is_empty() && go(&t[1..], rest),
            Some((c, rest)) => t.first() == Some(c) && go(&t[1..], rest),
        }
    }
    go(
        &text.chars().collect::<Vec<_>>(),
        &pattern.chars().collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job(uuid: &str, status: &str, created: &str) -> StoredJob {
        let Value::Object(job) = json!({"uuid": uuid, "owner": "ana", "status": status,
            "created": created, "name": format!("run-{uuid}"), "condition": "NORMAL_COMPLETION",
            "tags": ["portalName: DESIGNSAFE"], "nodeCount": 2})
        else {
            unreachable!()
        };
        StoredJob {
            job,
            history: vec![],
        }
    }

    fn pairs(q: &str) -> Vec<(String, String)> {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.into(), v.into()))
            .collect()
    }

    fn uuids(items: &[Value]) -> Vec<&str> {
        items.iter().map(|i| i["uuid"].as_str().unwrap()).collect()
    }

    fn jobs() -> Vec<StoredJob> {
        vec![
            job("a", "FINISHED", "2025-01-01T00:00:00Z"),
            job("b", "FAILED", "2025-01-03T00:00:00.5Z"),
            job("c", "FINISHED", "2025-01-02T00:00:00Z"),
        ]
    }

    #[test]
    fn orders_pages_and_counts() {
        let q = parse_query(
            &pairs("orderBy=created(desc)&limit=2&skip=1&computeTotal=true"),
            true,
        )
        .unwrap();
        let (items, total) = run(&jobs(), "ana", &q);
        assert_eq!(uuids(&items), ["c", "a"]);
        assert_eq!(total, 3);
    }

    #[test]
    fn filters_by_status_and_date_range() {
        let q = parse_query(
            &pairs("status.eq=FINISHED&created.between=2025-01-01,2025-01-02T12:00:00Z"),
            true,
        )
        .unwrap();
        assert_eq!(uuids(&run(&jobs(), "ana", &q).0), ["a", "c"]);
        let q = parse_query(&pairs("name.like=run-%&status.neq=FINISHED"), true).unwrap();
        assert_eq!(uuids(&run(&jobs(), "ana", &q).0), ["b"]);
        let q = parse_query(
            &pairs("tags.contains=portalName: DESIGNSAFE&nodeCount.gte=2"),
            true,
        )
        .unwrap();
        assert_eq!(run(&jobs(), "ana", &q).1, 3);
    }

    #[test]
    fn only_the_callers_jobs_are_listed() {
        let q = parse_query(&[], true).unwrap();
        assert_eq!(run(&jobs(), "bob", &q).1, 0);
    }

    #[test]
    fn select_projects_and_summary_hides_condition() {
        let q = parse_query(&pairs("select=status,name"), true).unwrap();
        let item = &run(&jobs(), "ana", &q).0[0];
        assert_eq!(item.as_object().unwrap().len(), 3, "{item}");
        assert_eq!(item["uuid"], "a");
        let summary = &run(&jobs(), "ana", &parse_query(&[], true).unwrap()).0[0];
        assert_eq!(summary["condition"], Value::Null);
        assert_eq!(summary.as_object().unwrap().len(), SUMMARY_KEYS.len());
        assert!(parse_query(&pairs("select=status,bogus"), true)
            .unwrap_err()
            .contains("bogus"));
    }

    #[test]
    fn list_ignores_filters_and_select() {
        let q = parse_query(&pairs("status.eq=FAILED&select=allAttributes"), false).unwrap();
        assert_eq!(q.filters, vec![]);
        assert_eq!(q.select, Select::Summary);
    }
}
