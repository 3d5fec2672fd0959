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

/// Checks everything before a token is kept: the tenant URL, the token's claims, its
/// expiry and its tenant. `Err` is the plain explanation to show.
pub fn connect(url: &str, tenant_id: &str, token: &Token, now: i64) -> Result<Session, String> {
    let tenant = tenant::parse(url, tenant_id).map_err(|e| e.to_string())?;
    let claims = read_claims(token).map_err(|e| e.to_string())?;
    check(&claims, &tenant.id, now).map_err(|e| e.to_string())?;
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

    #[test]
    fn connect_refuses_in_plain_words_and_accepts_a_good_token() {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        let jwt = |tenant: &str, exp: i64| {
            let claims =
                format!(r#"{{"tapis/username":"ana","tapis/tenant_id":"{tenant}","exp":{exp}}}"#);
            Token::new(&format!("h.{}.s", URL_SAFE_NO_PAD.encode(claims)))
        };
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
        assert!(stand_in.is_ok());
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
