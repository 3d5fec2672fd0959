//! Who is connected, where, until when: what a token said about itself once checked,
//! never the token itself. Pure: the time is an argument.

use super::tenant::{self, Tenant};
use super::token::{check, read_claims, utc, Token};
use crate::model::words::format_duration;

/// Who is connected, where, and until when. Never the token itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub tenant: Tenant,
    pub user: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Sending stops this many seconds before the token's `exp`: the browser's clock and
/// Tapis' may disagree by a few seconds, and a request sent at the last moment would be
/// refused (tapipy refreshes 5 s before; a page cannot refresh, so it stops).
pub const EXPIRY_MARGIN_S: i64 = 15;

impl Session {
    /// Until when (Unix seconds) requests may be sent with the token.
    pub fn send_until(&self) -> i64 {
        self.expires_at - EXPIRY_MARGIN_S
    }
}

/// Checks everything before a token is kept: the tenant URL, the token's claims, its
/// expiry (with [`EXPIRY_MARGIN_S`] to spare) and its tenant. `Err` is the plain
/// explanation to show.
pub fn connect(url: &str, tenant_id: &str, token: &Token, now: i64) -> Result<Session, String> {
    let tenant = tenant::parse(url, tenant_id).map_err(|e| e.to_string())?;
    let claims = read_claims(token).map_err(|e| e.to_string())?;
    check(&claims, &tenant.id, now, EXPIRY_MARGIN_S).map_err(|e| e.to_string())?;
    Ok(Session {
        tenant,
        user: claims.username,
        expires_at: claims.expires_at,
    })
}

/// "3 h 52 min left (until 2025-05-07 22:15 UTC)" or "expired".
pub fn expiry_words(expires_at: i64, now: i64) -> String {
    if expires_at <= now {
        "expired".into()
    } else {
        format!(
            "{} left (until {})",
            format_duration((expires_at - now) as f64),
            utc(expires_at)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token of ana's for `tenant`, expiring at `exp`.
    fn jwt(tenant: &str, exp: i64) -> Token {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        let claims =
            format!(r#"{{"tapis/username":"ana","tapis/tenant_id":"{tenant}","exp":{exp}}}"#);
        Token::new(&format!("h.{}.s", URL_SAFE_NO_PAD.encode(claims)))
    }

    #[test]
    fn connect_refuses_in_plain_words_and_accepts_a_good_token() {
        let ok = connect(
            "https://designsafe.tapis.io",
            "",
            &jwt("designsafe", 2_000),
            1_000,
        )
        .unwrap();
        assert_eq!(
            (ok.user.as_str(), ok.tenant.id.as_str(), ok.expires_at),
            ("ana", "designsafe", 2_000)
        );
        let wrong = connect(
            "https://designsafe.tapis.io",
            "",
            &jwt("tacc", 2_000),
            1_000,
        );
        assert!(wrong.unwrap_err().contains("“tacc”"));
        let expired = connect(
            "https://designsafe.tapis.io",
            "",
            &jwt("designsafe", 900),
            1_000,
        );
        assert!(expired.unwrap_err().contains("expired"));
        let bad_url = connect(
            "http://designsafe.tapis.io",
            "",
            &jwt("designsafe", 2_000),
            1_000,
        );
        assert!(bad_url.unwrap_err().contains("unencrypted"));
        let stand_in = connect(
            "http://127.0.0.1:9",
            "designsafe",
            &jwt("designsafe", 2_000),
            1_000,
        );
        assert_eq!(stand_in.is_ok(), cfg!(feature = "loopback-tenants"));
        let elsewhere = connect(
            "https://example.org",
            "designsafe",
            &jwt("designsafe", 2_000),
            1_000,
        );
        assert!(elsewhere.unwrap_err().contains("nothing is sent"));
    }

    #[test]
    fn a_token_about_to_expire_is_refused_and_sending_stops_before_exp() {
        let jwt = |exp: i64| jwt("designsafe", exp);
        let url = "https://designsafe.tapis.io";
        let soon = connect(url, "", &jwt(1_000 + EXPIRY_MARGIN_S), 1_000);
        assert_eq!(
            soon.unwrap_err(),
            format!("This token expires in {EXPIRY_MARGIN_S} s, too soon to fetch anything: get a new one.")
        );
        let ok = connect(url, "", &jwt(1_000 + EXPIRY_MARGIN_S + 1), 1_000).unwrap();
        assert_eq!(ok.send_until(), 1_001);
    }

    #[test]
    fn expiry_is_said_in_human_units() {
        assert_eq!(
            expiry_words(14_400, 420),
            "3 h 53 min left (until 1970-01-01 04:00 UTC)"
        );
        assert_eq!(expiry_words(10, 10), "expired");
    }
}
