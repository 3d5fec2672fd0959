//! The Tapis token: a secret that lives in memory only, and what it says about itself.
//!
//! [`Token`] has no `Serialize`, no `Display`, no `Clone` and a redacted `Debug`, and it
//! wipes its bytes when dropped, so it cannot reach a log, the app's state, storage or an
//! export by accident. [`read_claims`] decodes the JWT's payload without checking the
//! signature (Tapis checks it): enough to show who, where and until when, and to refuse
//! early what Tapis would refuse (API.md §4; tapis-ui does the same).

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;
use zeroize::Zeroizing;

/// A pasted Tapis access token. Only `live::http` reads it, to set `X-Tapis-Token`.
pub struct Token(Zeroizing<String>);

impl Token {
    /// The token in `text`, without what often comes with a paste: whitespace, quotes
    /// (a Python print), a `Bearer ` prefix or an `X-Tapis-Token:` header name.
    pub fn new(text: &str) -> Token {
        let mut t = text.trim();
        for prefix in ["X-Tapis-Token:", "x-tapis-token:", "Bearer ", "bearer "] {
            t = t.strip_prefix(prefix).unwrap_or(t).trim();
        }
        let t = t.trim_matches(|c| c == '"' || c == '\'').trim();
        Token(Zeroizing::new(t.to_string()))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of this token replaced, for messages from servers.
    pub fn redact(&self, text: &str) -> String {
        if self.0.len() < 8 {
            return text.to_string();
        }
        text.replace(self.0.as_str(), "[token]")
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// What a token says about itself (its JWT claims), shown before anything is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    pub username: String,
    pub tenant: Option<String>,
    /// Unix seconds.
    pub expires_at: i64,
    /// `access` or `refresh` (`tapis/token_type`), when the token says.
    pub token_type: Option<String>,
}

/// Why a token is refused, in words a researcher can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenProblem {
    Empty,
    NotAJwt,
    Unreadable,
    NoExpiry,
    NoUser,
    Refresh,
    Expired {
        expires_at: i64,
        now: i64,
    },
    /// Not expired yet, but within the margin sending stops at.
    ExpiresSoon {
        seconds_left: i64,
    },
    NoTenant,
    WrongTenant {
        token: String,
        url: String,
    },
}

impl fmt::Display for TokenProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::model::words::format_duration;
        match self {
            TokenProblem::Empty => write!(f, "Paste a Tapis access token first."),
            TokenProblem::NotAJwt => write!(
                f,
                "This is not a Tapis token: a token is a long text of three parts separated by \
                 dots, starting with “eyJ”. Copy t.access_token.access_token, not the whole object."
            ),
            TokenProblem::Unreadable => write!(
                f,
                "This token cannot be read (its middle part is not valid JSON). Was it copied whole?"
            ),
            TokenProblem::NoExpiry => write!(f, "This token does not say when it expires, so it is not a Tapis access token."),
            TokenProblem::NoUser => write!(f, "This token names no user, so it is not a Tapis access token."),
            TokenProblem::Refresh => write!(
                f,
                "This is a refresh token. Paste the access token instead (t.access_token.access_token)."
            ),
            TokenProblem::Expired { expires_at, now } => write!(
                f,
                "This token expired {} ago (at {}). Tapis tokens last 4 hours: get a new one.",
                format_duration((now - expires_at) as f64),
                utc(*expires_at)
            ),
            TokenProblem::ExpiresSoon { seconds_left } => write!(
                f,
                "This token expires in {seconds_left} s, too soon to fetch anything: get a new one."
            ),
            TokenProblem::NoTenant => write!(f, "This token names no tenant, so it cannot be checked against the tenant's URL."),
            TokenProblem::WrongTenant { token, url } => write!(
                f,
                "This token is for the tenant “{token}”, but the URL above is the tenant “{url}”. \
                 Tapis would refuse it: choose the tenant the token came from, or get a token from this one."
            ),
        }
    }
}

/// An instant as `2025-05-07 22:15 UTC`.
pub fn utc(unix_seconds: i64) -> String {
    chrono::DateTime::from_timestamp(unix_seconds, 0)
        .map(|t| format!("{} UTC", tapis_profile::time::format_minute(&t)))
        .unwrap_or_else(|| unix_seconds.to_string())
}

#[derive(Deserialize)]
struct RawClaims {
    exp: Option<f64>,
    sub: Option<String>,
    #[serde(rename = "tapis/username")]
    username: Option<String>,
    #[serde(rename = "tapis/tenant_id")]
    tenant: Option<String>,
    #[serde(rename = "tapis/token_type")]
    token_type: Option<String>,
}

/// Decodes the token's claims; the signature is not checked.
pub fn read_claims(token: &Token) -> Result<Claims, TokenProblem> {
    let text = token.expose();
    if text.is_empty() {
        return Err(TokenProblem::Empty);
    }
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(TokenProblem::NotAJwt);
    }
    let payload = Zeroizing::new(
        URL_SAFE_NO_PAD
            .decode(parts[1].trim_end_matches('='))
            .map_err(|_| TokenProblem::NotAJwt)?,
    );
    let raw: RawClaims = serde_json::from_slice(&payload).map_err(|_| TokenProblem::Unreadable)?;
    let username = raw
        .username
        .or_else(|| {
            raw.sub
                .and_then(|s| s.split('@').next().map(str::to_string))
        })
        .filter(|u| !u.is_empty())
        .ok_or(TokenProblem::NoUser)?;
    Ok(Claims {
        username,
        tenant: raw.tenant,
        expires_at: raw.exp.ok_or(TokenProblem::NoExpiry)? as i64,
        token_type: raw.token_type,
    })
}

/// May these claims be sent to the tenant `tenant_id` at `now` (Unix seconds), with at
/// least `margin` seconds left before they expire?
pub fn check(claims: &Claims, tenant_id: &str, now: i64, margin: i64) -> Result<(), TokenProblem> {
    if claims.token_type.as_deref() == Some("refresh") {
        return Err(TokenProblem::Refresh);
    }
    if claims.expires_at <= now {
        return Err(TokenProblem::Expired {
            expires_at: claims.expires_at,
            now,
        });
    }
    if claims.expires_at <= now + margin {
        return Err(TokenProblem::ExpiresSoon {
            seconds_left: claims.expires_at - now,
        });
    }
    match claims.tenant.as_deref() {
        None | Some("") => Err(TokenProblem::NoTenant),
        Some(t) if t.eq_ignore_ascii_case(tenant_id) => Ok(()),
        Some(t) => Err(TokenProblem::WrongTenant {
            token: t.to_string(),
            url: tenant_id.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token shaped like Tapis' (unsigned, as the stand-in mints them).
    fn jwt(claims: &str) -> String {
        let enc = |s: &str| URL_SAFE_NO_PAD.encode(s);
        format!(
            "{}.{}.signature",
            enc(r#"{"alg":"RS256","typ":"JWT"}"#),
            enc(claims)
        )
    }

    fn ana(exp: i64, tenant: &str) -> String {
        jwt(&format!(
            r#"{{"sub":"ana@{tenant}","tapis/tenant_id":"{tenant}","tapis/username":"ana","tapis/token_type":"access","exp":{exp}}}"#
        ))
    }

    #[test]
    fn reads_user_tenant_and_expiry() {
        let claims = read_claims(&Token::new(&ana(2_000, "designsafe"))).unwrap();
        assert_eq!(
            claims,
            Claims {
                username: "ana".into(),
                tenant: Some("designsafe".into()),
                expires_at: 2_000,
                token_type: Some("access".into())
            }
        );
        assert_eq!(check(&claims, "designsafe", 1_000, 0), Ok(()));
        assert_eq!(check(&claims, "DesignSafe", 1_000, 0), Ok(()));
    }

    #[test]
    fn a_paste_is_trimmed_of_quotes_prefixes_and_whitespace() {
        let t = ana(2_000, "designsafe");
        for pasted in [
            format!("  {t}\n"),
            format!("'{t}'"),
            format!("\"{t}\""),
            format!("Bearer {t}"),
            format!("X-Tapis-Token: {t}"),
        ] {
            assert_eq!(Token::new(&pasted).expose(), t, "{pasted}");
        }
    }

    #[test]
    fn refuses_expired_foreign_and_refresh_tokens_with_reasons() {
        let expired = read_claims(&Token::new(&ana(1_000, "designsafe"))).unwrap();
        let why = check(&expired, "designsafe", 1_000 + 7_200, 0).unwrap_err();
        assert_eq!(
            why,
            TokenProblem::Expired {
                expires_at: 1_000,
                now: 8_200
            }
        );
        assert!(why.to_string().contains("expired 2 h ago"), "{why}");
        assert!(why.to_string().contains("1970-01-01 00:16 UTC"), "{why}");

        let tacc = read_claims(&Token::new(&ana(2_000, "tacc"))).unwrap();
        let why = check(&tacc, "designsafe", 1_000, 0).unwrap_err();
        assert!(why.to_string().contains("“tacc”"), "{why}");
        assert!(why.to_string().contains("“designsafe”"), "{why}");

        let refresh = jwt(
            r#"{"tapis/username":"ana","tapis/tenant_id":"designsafe","tapis/token_type":"refresh","exp":2000}"#,
        );
        let claims = read_claims(&Token::new(&refresh)).unwrap();
        assert_eq!(
            check(&claims, "designsafe", 1_000, 0),
            Err(TokenProblem::Refresh)
        );

        let no_tenant = jwt(r#"{"sub":"ana","exp":2000}"#);
        let claims = read_claims(&Token::new(&no_tenant)).unwrap();
        assert_eq!(claims.username, "ana");
        assert_eq!(
            check(&claims, "designsafe", 1_000, 0),
            Err(TokenProblem::NoTenant)
        );
    }

    #[test]
    fn refuses_what_is_not_a_jwt() {
        let cases = [
            ("", TokenProblem::Empty),
            ("hunter2", TokenProblem::NotAJwt),
            ("a.b", TokenProblem::NotAJwt),
            ("a..c", TokenProblem::NotAJwt),
            ("a.%%%.c", TokenProblem::NotAJwt),
            (
                &format!("a.{}.c", URL_SAFE_NO_PAD.encode("not json")),
                TokenProblem::Unreadable,
            ),
            (&jwt(r#"{"tapis/username":"ana"}"#), TokenProblem::NoExpiry),
            (&jwt(r#"{"exp":5}"#), TokenProblem::NoUser),
        ];
        for (text, want) in cases {
            assert_eq!(read_claims(&Token::new(text)), Err(want), "{text}");
        }
    }

    #[test]
    fn the_token_never_shows_in_debug_and_is_redacted_from_messages() {
        let t = ana(2_000, "designsafe");
        let token = Token::new(&t);
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");
        assert!(!format!("{:?}", Some(&token)).contains("eyJ"));
        assert_eq!(
            token.redact(&format!("bad token {t} here")),
            "bad token [token] here"
        );
    }
}
