//! Where a token may go: a Tapis tenant's base URL, read strictly.
//!
//! Tenants live at `https://<tenant id>.tapis.io` (API.md §4), so for those the tenant id
//! comes from the URL and a token for another tenant is refused. Any other `https://` URL
//! (a self-hosted Tapis) and loopback `http://` (the local stand-in, development) need the
//! tenant id typed in; the hosted page's CSP lets the app reach only `*.tapis.io` and
//! loopback, which [`Reach`] lets the panel say. Plain `http://` to anything but loopback
//! would send the token unencrypted and is refused.

use std::fmt;

/// The tenant every panel starts with.
pub const DEFAULT_BASE_URL: &str = "https://designsafe.tapis.io";

/// Tenants offered by name: (label, base URL).
pub const KNOWN: [(&str, &str); 2] = [
    ("DesignSafe", "https://designsafe.tapis.io"),
    ("TACC", "https://tacc.tapis.io"),
];

/// A tenant the app may send a token to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    /// Scheme, host and port only: `https://designsafe.tapis.io`.
    pub base_url: String,
    pub id: String,
    pub reach: Reach,
}

/// How the app's own CSP treats the tenant's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// `https://*.tapis.io`: allowed, and the tenant id is the host's first label.
    TapisIo,
    /// `http://127.0.0.1:*` or `http://localhost:*`: allowed, for the local stand-in.
    Loopback,
    /// Any other `https://` origin: blocked by the hosted page's CSP.
    Custom,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TenantProblem {
    Empty,
    NotAUrl,
    Unencrypted,
    HasCredentials,
    HasPath,
    NeedsId,
    BadId,
}

impl fmt::Display for TenantProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TenantProblem::Empty => "Give the tenant's base URL, like https://designsafe.tapis.io.",
            TenantProblem::NotAUrl => {
                "This is not a base URL: write it like https://designsafe.tapis.io."
            }
            TenantProblem::Unencrypted => {
                "Use https://: over plain http the token would travel unencrypted (only loopback \
                 addresses, 127.0.0.1 and localhost, may use http)."
            }
            TenantProblem::HasCredentials => {
                "The URL must not carry a user name or password: the token is what signs you in."
            }
            TenantProblem::HasPath => {
                "Give only the tenant's base URL, without a path, query or fragment (like \
                 https://designsafe.tapis.io)."
            }
            TenantProblem::NeedsId => {
                "This URL is not under tapis.io, so the tenant id cannot be read from it: type \
                 the tenant id too (the token must name the same tenant)."
            }
            TenantProblem::BadId => {
                "A tenant id has only letters, digits, “-” and “_” (like designsafe)."
            }
        })
    }
}

/// Reads `url` (and, for URLs outside tapis.io, the typed tenant `id`).
pub fn parse(url: &str, id: &str) -> Result<Tenant, TenantProblem> {
    let url = url.trim();
    if url.is_empty() {
        return Err(TenantProblem::Empty);
    }
    let lower = url.to_ascii_lowercase();
    let (secure, rest) = if let Some(rest) = lower.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err(TenantProblem::NotAUrl);
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if !(tail.is_empty() || tail == "/") {
        return Err(TenantProblem::HasPath);
    }
    if authority.contains('@') {
        return Err(TenantProblem::HasCredentials);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => {
            (host, Some(port))
        }
        Some(_) => return Err(TenantProblem::NotAUrl),
        None => (authority, None),
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !host.split('.').all(label_ok) {
        return Err(TenantProblem::NotAUrl);
    }
    let scheme = if secure { "https" } else { "http" };
    let base_url = match port {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    };
    let loopback = host == "127.0.0.1" || host == "localhost";
    let tapis_io = host
        .strip_suffix(".tapis.io")
        .filter(|name| secure && port.is_none() && !name.is_empty());
    let reach = match (tapis_io, loopback, secure) {
        (Some(_), _, _) => Reach::TapisIo,
        (None, true, _) => Reach::Loopback,
        (None, false, true) => Reach::Custom,
        (None, false, false) => return Err(TenantProblem::Unencrypted),
    };
    let id = match tapis_io {
        // A multi-level name (`a.b.tapis.io`) is a site's tenant `a` (tapis-ui reads it so).
        Some(name) => name.split('.').next().unwrap_or(name).to_string(),
        None => {
            let id = id.trim();
            if id.is_empty() {
                return Err(TenantProblem::NeedsId);
            }
            if !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(TenantProblem::BadId);
            }
            id.to_string()
        }
    };
    Ok(Tenant {
        base_url,
        id,
        reach,
    })
}

/// Does the URL name its own tenant (so no tenant id needs typing)?
pub fn names_its_tenant(url: &str) -> bool {
    parse(url, "").is_ok_and(|t| t.reach == Reach::TapisIo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tapis_io_tenants_name_themselves() {
        let t = parse(" https://DesignSafe.tapis.io/ ", "ignored").unwrap();
        assert_eq!(
            t,
            Tenant {
                base_url: "https://designsafe.tapis.io".into(),
                id: "designsafe".into(),
                reach: Reach::TapisIo
            }
        );
        assert_eq!(parse("https://tacc.tapis.io", "").unwrap().id, "tacc");
        assert!(names_its_tenant(DEFAULT_BASE_URL));
        assert!(!names_its_tenant("http://127.0.0.1:8181"));
        for (_, url) in KNOWN {
            assert!(names_its_tenant(url), "{url}");
        }
    }

    #[test]
    fn loopback_and_custom_urls_need_a_tenant_id() {
        assert_eq!(
            parse("http://127.0.0.1:8181", ""),
            Err(TenantProblem::NeedsId)
        );
        let t = parse("http://127.0.0.1:8181/", "designsafe").unwrap();
        assert_eq!(t.base_url, "http://127.0.0.1:8181");
        assert_eq!(t.reach, Reach::Loopback);
        assert_eq!(
            parse("http://localhost:9", "dev").unwrap().reach,
            Reach::Loopback
        );
        let custom = parse("https://tapis.example.edu", "example").unwrap();
        assert_eq!(custom.reach, Reach::Custom);
        assert_eq!(
            parse("https://tapis.example.edu", "a b"),
            Err(TenantProblem::BadId)
        );
        // A tapis.io name on another port or over http is not Tapis' own proxy.
        assert_eq!(
            parse("https://designsafe.tapis.io:8443", "x")
                .unwrap()
                .reach,
            Reach::Custom
        );
    }

    #[test]
    fn refuses_what_could_leak_or_mislead() {
        let cases = [
            ("", TenantProblem::Empty),
            ("designsafe.tapis.io", TenantProblem::NotAUrl),
            ("ftp://designsafe.tapis.io", TenantProblem::NotAUrl),
            ("http://designsafe.tapis.io", TenantProblem::Unencrypted),
            ("http://10.0.0.1:8080", TenantProblem::Unencrypted),
            (
                "https://user:pw@designsafe.tapis.io",
                TenantProblem::HasCredentials,
            ),
            (
                "https://designsafe.tapis.io/v3/jobs",
                TenantProblem::HasPath,
            ),
            (
                "https://designsafe.tapis.io?token=x",
                TenantProblem::HasPath,
            ),
            ("https://designsafe.tapis.io#x", TenantProblem::HasPath),
            ("https://evil.com\\.tapis.io", TenantProblem::NotAUrl),
            ("https://.tapis.io", TenantProblem::NotAUrl),
            ("https://designsafe.tapis.io:", TenantProblem::NotAUrl),
            ("https://[::1]:80", TenantProblem::NotAUrl),
        ];
        for (url, want) in cases {
            assert_eq!(parse(url, "t"), Err(want), "{url}");
        }
        // Looks like tapis.io, is not: a custom host that the CSP will block.
        let t = parse("https://designsafe.tapis.io.evil.com", "designsafe").unwrap();
        assert_eq!(t.reach, Reach::Custom);
    }
}
