//! Where a token may go: a Tapis tenant's base URL, read strictly, and checked against what
//! this build may reach, in the app itself, before any request (page and component alike:
//! a component lives under its host page's CSP, not the app's, so the app's own check is
//! what keeps a token from a foreign host).
//!
//! Tenants live at `https://<tenant id>.tapis.io` (API.md §4), so for those the tenant id
//! comes from the URL and a token for another tenant is refused. A self-hosted Tapis is
//! reached only when its host is named in [`ALLOWED_HOSTS`] (a build-time list: add the
//! host there and to `connect-src` in `index.html` and `tools/single-file.cjs`), with the
//! tenant id typed in. Loopback `http://127.0.0.1:*` and `http://localhost:*` (the local
//! stand-in) only in development and test builds (the cargo feature `loopback-tenants`,
//! which `./x serve`, the end-to-end tests and the live benchmark use; never the shipped
//! build). Anything else is refused with the reason.

use std::fmt;

/// The tenant every panel starts with.
pub const DEFAULT_BASE_URL: &str = "https://designsafe.tapis.io";

/// Tenants offered by name: (label, base URL).
pub const KNOWN: [(&str, &str); 2] = [
    ("DesignSafe", "https://designsafe.tapis.io"),
    ("TACC", "https://tacc.tapis.io"),
];

/// Hosts outside tapis.io this build may send a token to (`https`, any tenant id typed in):
/// empty in the project's builds. A site that self-hosts Tapis and this app adds its host
/// here (`"tapis.example.edu"`) and to the CSP's `connect-src`.
pub const ALLOWED_HOSTS: &[&str] = &[];

/// What a build may reach besides `https://<name>.tapis.io`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reachable {
    /// `127.0.0.1` and `localhost`, any port, `http` or `https` (the stand-in speaks HTTP/2
    /// over TLS for the live benchmark): development and test builds only.
    pub loopback: bool,
    /// `https://` hosts named at build time.
    pub hosts: &'static [&'static str],
}

impl Reachable {
    /// This build's: [`ALLOWED_HOSTS`], and loopback with the `loopback-tenants` feature.
    pub const BUILD: Reachable = Reachable {
        loopback: cfg!(feature = "loopback-tenants"),
        hosts: ALLOWED_HOSTS,
    };
}

/// A tenant the app may send a token to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    /// Scheme, host and port only: `https://designsafe.tapis.io`.
    pub base_url: String,
    pub id: String,
    pub reach: Reach,
}

/// Why the tenant is reachable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// `https://*.tapis.io`: the tenant id is the host's first label.
    TapisIo,
    /// A host in [`ALLOWED_HOSTS`].
    AllowList,
    /// `127.0.0.1` or `localhost`, in a development or test build.
    Loopback,
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
    /// An `https` host that is neither under tapis.io nor allowed by this build.
    NotATenant,
    /// Loopback, in a build that does not reach it.
    LoopbackNotInThisBuild,
}

impl fmt::Display for TenantProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TenantProblem::Empty => "Give the tenant's base URL, like https://designsafe.tapis.io.",
            TenantProblem::NotAUrl => {
                "This is not a base URL: write it like https://designsafe.tapis.io."
            }
            TenantProblem::Unencrypted => {
                "Use https://: over plain http the token would travel unencrypted."
            }
            TenantProblem::HasCredentials => {
                "The URL must not carry a user name or password: the token is what signs you in."
            }
            TenantProblem::HasPath => {
                "Give only the tenant's base URL, without a path, query or fragment (like \
                 https://designsafe.tapis.io)."
            }
            TenantProblem::NeedsId => {
                "This tenant's URL does not say its tenant id: type the tenant id too (the \
                 token must name the same tenant)."
            }
            TenantProblem::BadId => {
                "A tenant id has only letters, digits, “-” and “_” (like designsafe)."
            }
            TenantProblem::NotATenant => {
                "This app sends a token only to a Tapis tenant at https://<tenant>.tapis.io \
                 (DesignSafe: https://designsafe.tapis.io), so nothing is sent here. \
                 Self-hosting Tapis and this app? Add the host to ALLOWED_HOSTS \
                 (src/live/model/tenant.rs) and to connect-src in index.html."
            }
            TenantProblem::LoopbackNotInThisBuild => {
                "This build sends tokens only to Tapis tenants (https://<tenant>.tapis.io), \
                 not to this computer: a local stand-in tenant needs the development build \
                 (./x serve --stand-in)."
            }
        })
    }
}

/// Reads `url` (and, for URLs outside tapis.io, the typed tenant `id`) against what this
/// build may reach ([`Reachable::BUILD`]).
pub fn parse(url: &str, id: &str) -> Result<Tenant, TenantProblem> {
    parse_for(url, id, Reachable::BUILD)
}

/// [`parse`] for a build that may reach `reachable`.
pub fn parse_for(url: &str, id: &str, reachable: Reachable) -> Result<Tenant, TenantProblem> {
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
    let allowed = secure && reachable.hosts.iter().any(|h| h.eq_ignore_ascii_case(host));
    let reach = match (tapis_io, loopback, allowed) {
        (Some(_), _, _) => Reach::TapisIo,
        (None, _, true) => Reach::AllowList,
        (None, true, _) if reachable.loopback => Reach::Loopback,
        (None, true, _) => return Err(TenantProblem::LoopbackNotInThisBuild),
        (None, false, false) if !secure => return Err(TenantProblem::Unencrypted),
        (None, false, false) => return Err(TenantProblem::NotATenant),
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

    const SHIPPED: Reachable = Reachable {
        loopback: false,
        hosts: &[],
    };
    const DEVELOPMENT: Reachable = Reachable {
        loopback: true,
        hosts: &[],
    };
    const SELF_HOSTED: Reachable = Reachable {
        loopback: false,
        hosts: &["tapis.example.edu"],
    };

    #[test]
    fn tapis_io_tenants_name_themselves() {
        let t = parse_for(" https://DesignSafe.tapis.io/ ", "ignored", SHIPPED).unwrap();
        assert_eq!(
            t,
            Tenant {
                base_url: "https://designsafe.tapis.io".into(),
                id: "designsafe".into(),
                reach: Reach::TapisIo
            }
        );
        assert_eq!(
            parse_for("https://tacc.tapis.io", "", SHIPPED).unwrap().id,
            "tacc"
        );
        assert!(names_its_tenant(DEFAULT_BASE_URL));
        assert!(!names_its_tenant("http://127.0.0.1:8181"));
        for (_, url) in KNOWN {
            assert!(names_its_tenant(url), "{url}");
        }
    }

    #[test]
    fn the_shipped_build_refuses_loopback_and_hosts_outside_tapis_io() {
        for url in [
            "http://127.0.0.1:8181",
            "http://localhost:9",
            "https://127.0.0.1:8443",
        ] {
            assert_eq!(
                parse_for(url, "designsafe", SHIPPED),
                Err(TenantProblem::LoopbackNotInThisBuild),
                "{url}"
            );
        }
        for url in [
            "https://tapis.example.edu",
            "https://designsafe.tapis.io.evil.com",
            "https://designsafe.tapis.io:8443",
        ] {
            assert_eq!(
                parse_for(url, "designsafe", SHIPPED),
                Err(TenantProblem::NotATenant),
                "{url}"
            );
        }
        assert!(TenantProblem::NotATenant
            .to_string()
            .contains("nothing is sent"));
    }

    #[test]
    fn development_builds_reach_loopback_with_a_tenant_id() {
        assert_eq!(
            parse_for("http://127.0.0.1:8181", "", DEVELOPMENT),
            Err(TenantProblem::NeedsId)
        );
        let t = parse_for("http://127.0.0.1:8181/", "designsafe", DEVELOPMENT).unwrap();
        assert_eq!(t.base_url, "http://127.0.0.1:8181");
        assert_eq!(t.reach, Reach::Loopback);
        assert_eq!(
            parse_for("http://localhost:9", "dev", DEVELOPMENT)
                .unwrap()
                .reach,
            Reach::Loopback
        );
        // Other addresses stay refused, loopback or not.
        assert_eq!(
            parse_for("http://10.0.0.1:8080", "x", DEVELOPMENT),
            Err(TenantProblem::Unencrypted)
        );
        assert_eq!(
            parse_for("https://tapis.example.edu", "x", DEVELOPMENT),
            Err(TenantProblem::NotATenant)
        );
    }

    #[test]
    fn allow_listed_hosts_need_https_and_a_tenant_id() {
        let t = parse_for("https://TAPIS.example.edu", "example", SELF_HOSTED).unwrap();
        assert_eq!((t.reach, t.id.as_str()), (Reach::AllowList, "example"));
        assert_eq!(
            parse_for("https://tapis.example.edu", "", SELF_HOSTED),
            Err(TenantProblem::NeedsId)
        );
        assert_eq!(
            parse_for("https://tapis.example.edu", "a b", SELF_HOSTED),
            Err(TenantProblem::BadId)
        );
        assert_eq!(
            parse_for("http://tapis.example.edu", "example", SELF_HOSTED),
            Err(TenantProblem::Unencrypted)
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
            assert_eq!(parse_for(url, "t", DEVELOPMENT), Err(want), "{url}");
        }
    }

    #[test]
    fn this_build_reaches_loopback_only_with_the_feature() {
        assert_eq!(
            parse("http://127.0.0.1:8181", "designsafe").is_ok(),
            cfg!(feature = "loopback-tenants")
        );
    }
}
