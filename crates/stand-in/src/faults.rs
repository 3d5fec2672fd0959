//! Latency and faults the stand-in injects, so the app's retry, progress and
//! error paths can be tested deterministically: a fault hits a request when a
//! seeded hash of (rule, path, attempt) falls under the rule's rate, and each
//! path takes at most `maxPerPath` faults, so retries eventually succeed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Config {
    /// Added to every API request.
    pub latency_ms: u64,
    /// Up to this much more, drawn from the same seeded hash.
    pub jitter_ms: u64,
    pub faults: Vec<FaultRule>,
    /// Jobs whose history always fails, as when Files has purged a transfer (API.md §2.3).
    pub broken_jobs: Vec<String>,
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    pub kind: FaultKind,
    /// Share of matching requests hit, 0–1.
    pub rate: f64,
    #[serde(default)]
    pub scope: Scope,
    /// After this many faults on one path the path answers normally; 0 = no bound.
    #[serde(default = "default_max_per_path")]
    pub max_per_path: u32,
    /// For `slow`: the extra delay.
    #[serde(default)]
    pub slow_ms: u64,
}

fn default_max_per_path() -> u32 {
    2
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FaultKind {
    /// 429 with `Retry-After`.
    TooManyRequests,
    /// 500 with an error envelope.
    ServerError,
    /// Answers after `slowMs` more.
    Slow,
    /// Sends half the body, then drops the connection.
    Truncated,
    /// Sends the headers, then drops the connection.
    Reset,
    /// A plain-text 401, as when Tapis no longer accepts the token (revoked, keys rotated).
    Unauthorized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    #[default]
    Any,
    History,
    Search,
}

impl Config {
    /// The fault (if any) for the `attempt`-th request (0-based) to `path`,
    /// given how many faults that path has had already.
    pub fn fault_for(&self, path: &str, attempt: u32, faults_so_far: u32) -> Option<&FaultRule> {
        let route = path.split('?').next().unwrap_or(path);
        let scope = if route.ends_with("/history") {
            Scope::History
        } else {
            Scope::Search
        };
        self.faults.iter().enumerate().find_map(|(i, rule)| {
            let in_scope = rule.scope == Scope::Any || rule.scope == scope;
            let allowed = rule.max_per_path == 0 || faults_so_far < rule.max_per_path;
            let hit = unit(self.seed, i as u64, path, attempt) < rule.rate;
            (in_scope && allowed && hit).then_some(rule)
        })
    }

    /// Latency for this request: `latency_ms` plus seeded jitter.
    pub fn latency_for(&self, path: &str, attempt: u32) -> u64 {
        let jitter = (unit(self.seed, u64::MAX, path, attempt) * self.jitter_ms as f64) as u64;
        self.latency_ms + jitter
    }
}

/// A seeded, uniform number in [0, 1) from FNV-1a over the inputs.
fn unit(seed: u64, salt: u64, path: &str, attempt: u32) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = seed
        .to_le_bytes()
        .into_iter()
        .chain(salt.to_le_bytes())
        .chain(path.bytes())
        .chain(attempt.to_le_bytes());
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(kind: FaultKind, rate: f64) -> FaultRule {
        FaultRule {
            kind,
            rate,
            scope: Scope::Any,
            max_per_path: 2,
            slow_ms: 0,
        }
    }

    #[test]
    fn rate_is_roughly_honoured_and_deterministic() {
        let config = Config {
            faults: vec![rule(FaultKind::ServerError, 0.3)],
            ..Config::default()
        };
        let hits = (0..1000)
            .filter(|i| {
                config
                    .fault_for(&format!("/v3/jobs/{i}/history"), 0, 0)
                    .is_some()
            })
            .count();
        assert!((250..350).contains(&hits), "{hits}");
        let again = (0..1000)
            .filter(|i| {
                config
                    .fault_for(&format!("/v3/jobs/{i}/history"), 0, 0)
                    .is_some()
            })
            .count();
        assert_eq!(hits, again);
    }

    #[test]
    fn a_path_stops_failing_after_max_per_path() {
        let config = Config {
            faults: vec![rule(FaultKind::TooManyRequests, 1.0)],
            ..Config::default()
        };
        assert!(config.fault_for("/p", 0, 0).is_some());
        assert!(config.fault_for("/p", 1, 1).is_some());
        assert!(config.fault_for("/p", 2, 2).is_none());
    }

    #[test]
    fn scope_limits_rules_to_history_or_search() {
        let mut r = rule(FaultKind::Reset, 1.0);
        r.scope = Scope::History;
        let config = Config {
            faults: vec![r],
            ..Config::default()
        };
        assert!(config.fault_for("/v3/jobs/x/history", 0, 0).is_some());
        assert!(config.fault_for("/v3/jobs/search", 0, 0).is_none());
    }

    #[test]
    fn config_reads_from_camel_case_json() {
        let c: Config = serde_json::from_str(
            r#"{"latencyMs": 50, "faults": [{"kind": "truncated", "rate": 0.1, "scope": "history"}],
                "brokenJobs": ["j1"]}"#,
        )
        .unwrap();
        assert_eq!(c.latency_ms, 50);
        assert_eq!(c.faults[0].kind, FaultKind::Truncated);
        assert_eq!(c.faults[0].max_per_path, 2);
        assert_eq!(c.broken_jobs, ["j1"]);
    }
}
