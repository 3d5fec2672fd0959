//! What the page or a host can ask of the app, in one place.
//!
//! Three entry points end up here (see `ARCHITECTURE.md`, "Entry points"):
//! the page's query string (`?embed=1&sample=1`, read by [`AppProps::from_query`]),
//! `mount(element, options)` from `embed.js` (options as JSON, read by
//! [`AppProps::from_json`]), and the `<tapis-job-profiler>` element's attributes (turned
//! into the same options by `embed.js`).
//!
//! To add an option: add a field here (it defaults when absent), read it in `from_query`,
//! and add its name to `OPTIONS` in `www/embed.js` (and to docs/embedding.md §2). Names are camelCase in JSON and
//! kebab-case in URLs and attributes (`dataUrl` ↔ `data-url`).

use serde::Deserialize;
use yew::Properties;

use crate::model::sections::OpenSections;
use crate::model::theme::{Scheme, Theme};

#[derive(Debug, Clone, PartialEq, Default, Properties, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AppProps {
    /// Compact layout without the page header, for iframes and documentation pages.
    #[prop_or_default]
    pub embed: bool,
    /// Tapis tenant base URL for live queries (a later feature). Kept as given; use
    /// [`AppProps::tenant_origin`], which accepts only `https://*.tapis.io`, before
    /// sending anything to it.
    #[prop_or_default]
    pub tenant: Option<String>,
    /// Start with the bundled sample job analysed.
    #[prop_or_default]
    pub sample: bool,
    /// URL of job data (a history JSON) to fetch and analyse at start; relative URLs are
    /// relative to the page. The page's CSP allows only its own origin and Tapis tenants.
    #[prop_or_default]
    pub data_url: Option<String>,
    /// Light, dark, or `auto` (the default): follow the host page's background where
    /// there is one, else the system (`model/theme.rs`).
    #[prop_or_default]
    pub theme: Theme,
    /// Which sections of the compact layout start open (`model/sections.rs`); `None`:
    /// the overview and the timeline. Only read when `embed` is on.
    #[prop_or_default]
    pub open: Option<OpenSections>,
    /// Where the script of the worker that parses large files is (`www/worker.js`);
    /// `embed.js` passes its own location, the page's default is next to the page. See
    /// [`AppProps::worker_url`].
    #[prop_or_default]
    pub worker_url: Option<String>,
    /// Mounted as a component (`embed.js` → [`crate::embed::mount`]): the app shares the
    /// host page's JavaScript realm, so the live panel warns before a token is typed. Set
    /// by `mount` itself, never read from options.
    #[prop_or_default]
    #[serde(skip)]
    pub in_component: bool,
    /// The scheme of the host page's background behind the app, as `embed.js` (a
    /// component) or `frame.js` (an iframe's host) reported it; `theme: auto` follows it.
    /// Set through the mount handle (`embed.rs`), never read from options.
    #[prop_or_default]
    #[serde(skip)]
    pub host_scheme: Option<Scheme>,
}

impl AppProps {
    /// Reads `embed`, `tenant`, `sample`, `data-url`, `theme` and `open` from a query
    /// string such as `?embed=1&data-url=jobs%2Fa.json&open=overview,recommendations`. Unknown keys are ignored; an empty value or
    /// anything but `0`, `false`, `no`, `off` switches a flag on.
    pub fn from_query(query: &str) -> AppProps {
        let mut props = AppProps::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match percent_decode(key).as_str() {
                "embed" => props.embed = truthy(&value),
                "sample" => props.sample = truthy(&value),
                "tenant" if !value.is_empty() => props.tenant = Some(value),
                "data-url" if !value.is_empty() => props.data_url = Some(value),
                "theme" => props.theme = Theme::parse(&value),
                "open" => props.open = Some(OpenSections::parse(&value)),
                _ => {}
            }
        }
        props
    }

    /// Reads the options object `embed.js` passes to `mount` (camelCase keys, all optional).
    pub fn from_json(json: &str) -> Result<AppProps, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Which sections start open in the compact layout.
    pub fn open_sections(&self) -> OpenSections {
        self.open.clone().unwrap_or_default()
    }

    /// The worker's script URL, relative to the page when not absolute.
    pub fn worker_url(&self) -> String {
        self.worker_url
            .clone()
            .unwrap_or_else(|| crate::edge::parse_worker::DEFAULT_URL.to_string())
    }

    /// The tenant as an origin a token may be sent to: `https://<name>.tapis.io` only,
    /// without path, query or credentials; anything else is `None`.
    pub fn tenant_origin(&self) -> Option<String> {
        let url = self.tenant.as_deref()?.trim().trim_end_matches('/');
        let host = url.strip_prefix("https://")?.to_ascii_lowercase();
        let name = host.strip_suffix(".tapis.io")?;
        let label_ok = |l: &str| {
            !l.is_empty()
                && !l.starts_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        name.split('.')
            .all(label_ok)
            .then(|| format!("https://{host}"))
    }
}

fn truthy(value: &str) -> bool {
    !matches!(
        value.to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    )
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte; bytes that
/// are not UTF-8 are replaced rather than rejected.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_flags_and_values() {
        let p = AppProps::from_query(
            "?embed=1&sample&tenant=https%3A%2F%2Fdesignsafe.tapis.io&data-url=jobs/a+b.json",
        );
        assert!(p.embed && p.sample);
        assert_eq!(p.tenant.as_deref(), Some("https://designsafe.tapis.io"));
        assert_eq!(p.data_url.as_deref(), Some("jobs/a b.json"));
    }

    #[test]
    fn query_theme_and_open_sections() {
        use crate::model::sections::Section;
        let p = AppProps::from_query("?embed&theme=Dark&open=recommendations%2Cjob");
        assert_eq!(p.theme, Theme::Dark);
        let open = p.open_sections();
        assert!(open.starts_open(Section::Recommendations, true));
        assert!(open.starts_open(Section::Job, true));
        assert!(!open.starts_open(Section::Overview, true));
        assert_eq!(AppProps::from_query("theme=sepia").theme, Theme::Auto);
        assert_eq!(
            AppProps::from_query("").open_sections(),
            OpenSections::default()
        );
    }

    #[test]
    fn query_defaults_and_off_values() {
        assert_eq!(AppProps::from_query(""), AppProps::default());
        assert_eq!(AppProps::from_query("?x=1&%zz"), AppProps::default());
        let p = AppProps::from_query("embed=0&sample=false&data-url=");
        assert!(!p.embed && !p.sample && p.data_url.is_none());
    }

    #[test]
    fn bad_percent_escapes_are_kept() {
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
        assert_eq!(percent_decode("%é%C3%A9"), "%éé");
    }

    #[test]
    fn json_options_are_camel_case_and_optional() {
        let p = AppProps::from_json(r#"{"embed": true, "dataUrl": "a.json", "other": 1}"#).unwrap();
        assert!(p.embed && !p.sample);
        assert_eq!(p.data_url.as_deref(), Some("a.json"));
        assert_eq!(AppProps::from_json("{}").unwrap(), AppProps::default());
        assert!(AppProps::from_json("nope").is_err());
        assert!(
            AppProps::from_json(r#"{"embed": "yes"}"#).is_err(),
            "embed.js sends booleans"
        );
        assert!(
            !AppProps::from_json(r#"{"inComponent": true}"#)
                .unwrap()
                .in_component,
            "only mount() says the app is a component"
        );
        let p = AppProps::from_json(r#"{"theme": "light", "open": "all"}"#).unwrap();
        assert_eq!(p.theme, Theme::Light);
        assert_eq!(p.open_sections(), OpenSections::parse("all"));
        assert_eq!(
            AppProps::from_json(r#"{"theme": "neon"}"#).unwrap().theme,
            Theme::Auto,
            "a theme the app does not know is auto, not an error"
        );
        assert!(
            AppProps::from_json(r#"{"hostScheme": "dark"}"#)
                .unwrap()
                .host_scheme
                .is_none(),
            "only the mount handle reports the host's background"
        );
    }

    #[test]
    fn only_tapis_tenants_may_receive_a_token() {
        let origin = |t: &str| {
            AppProps {
                tenant: Some(t.into()),
                ..AppProps::default()
            }
            .tenant_origin()
        };
        assert_eq!(
            origin("https://designsafe.tapis.io/").as_deref(),
            Some("https://designsafe.tapis.io")
        );
        assert_eq!(
            origin("https://DesignSafe.Tapis.io").as_deref(),
            Some("https://designsafe.tapis.io")
        );
        for bad in [
            "http://designsafe.tapis.io",
            "https://tapis.io",
            "https://evil.com/.tapis.io",
            "https://designsafe.tapis.io.evil.com",
            "https://user@designsafe.tapis.io",
            "https://designsafe.tapis.io/v3",
            "https://designsafe.tapis.io:8443",
            "https://.tapis.io",
        ] {
            assert_eq!(origin(bad), None, "{bad}");
        }
    }
}
