//! Why a first request got no answer at all, and what to do about it. A browser hides the
//! reason from the page (every such `fetch` fails with the same `TypeError`), so the edge
//! finds it out (`live::http::diagnose`) and the panel says it here, in plain words. Such a
//! failure is not retried: the same request would be blocked again.

/// What stood between the page and the tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// The page's Content Security Policy refused the connection: nothing left the browser.
    Policy,
    /// The tenant answered, but without the CORS headers that let a page read the answer.
    Cors,
    /// No answer: offline, a wrong host, a firewall, a proxy.
    Network,
}

impl Blocked {
    /// What happened and what to do, for the tenant at `base_url`.
    pub fn explain(self, base_url: &str) -> String {
        match self {
            Blocked::Policy => format!(
                "The browser did not let this page connect to {base_url}: the page's security \
                 policy (its CSP's connect-src) does not allow it, so nothing was sent. On \
                 another site's page, that site decides; on a copy of this app you host, add \
                 the tenant to connect-src in index.html."
            ),
            Blocked::Cors => format!(
                "{base_url} answered, but without the CORS headers that let a web page read the \
                 answer, so the browser withheld it. Is this the base URL of a Tapis tenant? \
                 Tapis' own tenants (https://<tenant>.tapis.io) send those headers."
            ),
            Blocked::Network => format!(
                "No answer from {base_url}: it could not be reached (offline, a mistyped URL, a \
                 firewall or VPN). Check the URL and the connection, then list your jobs again."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cause_says_what_happened_and_what_to_do() {
        let base = "https://designsafe.tapis.io";
        let csp = Blocked::Policy.explain(base);
        assert!(
            csp.contains("security policy") && csp.contains("nothing was sent"),
            "{csp}"
        );
        let cors = Blocked::Cors.explain(base);
        assert!(
            cors.starts_with("https://designsafe.tapis.io answered") && cors.contains("CORS"),
            "{cors}"
        );
        let net = Blocked::Network.explain(base);
        assert!(
            net.starts_with("No answer from") && net.contains("list your jobs again"),
            "{net}"
        );
        for words in [csp, cors, net] {
            assert!(!words.contains(".."), "{words}");
        }
    }
}
