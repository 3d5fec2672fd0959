//! The `X-Tapis-Token` check. Like Tapis' JWT filter, a missing, malformed,
//! expired or foreign token gets a 401 with a plain-text body (not JSON).
//! Signatures are not checked: this is a stand-in, not a security boundary.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

/// Who a valid token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub username: String,
    pub tenant: String,
}

/// Why a token was refused; the text is what the 401 body says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

/// Checks a token against the tenant this stand-in plays, at `now` (Unix seconds).
pub fn check(token: Option<&str>, tenant: &str, now: i64) -> Result<Caller, Refusal> {
    let token = token.filter(|t| !t.trim().is_empty()).ok_or_else(|| {
        Refusal("TAPIS_SECURITY_MISSING_JWT No JWT found in request header X-Tapis-Token.".into())
    })?;
    let claims = decode_claims(token)
        .ok_or_else(|| Refusal("TAPIS_SECURITY_JWT_PARSE_ERROR Unable to parse JWT.".into()))?;
    let exp = claims.get("exp").and_then(Value::as_i64).unwrap_or(0);
    if exp <= now {
        return Err(Refusal(format!(
            "TAPIS_SECURITY_JWT_EXPIRED The JWT expired at {exp} (now {now}). Please obtain a new token."
        )));
    }
    let claim = |k: &str| claims.get(k).and_then(Value::as_str).map(str::to_string);
    let token_tenant = claim("tapis/tenant_id").unwrap_or_default();
    if token_tenant != tenant {
        return Err(Refusal(format!(
            "TAPIS_SECURITY_JWT_TENANT_MISMATCH The JWT's tenant ({token_tenant}) is not this tenant ({tenant})."
        )));
    }
    let username = claim("tapis/username")
        .or_else(|| claim("sub").and_then(|s| s.split('@').next().map(str::to_string)))
        .ok_or_else(|| Refusal("TAPIS_SECURITY_JWT_NO_USER The JWT names no user.".into()))?;
    Ok(Caller {
        username,
        tenant: token_tenant,
    })
}

fn decode_claims(token: &str) -> Option<serde_json::Map<String, Value>> {
    let mut parts = token.trim().split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Makes an unsigned token with Tapis' claim names, for tests and demos.
pub fn mint(username: &str, tenant: &str, expires_at: i64) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT"}"#);
    let claims = serde_json::json!({
        "iss": format!("https://{tenant}.tapis.io/v3/tokens"),
        "sub": format!("{username}@{tenant}"),
        "tapis/tenant_id": tenant,
        "tapis/username": username,
        "tapis/token_type": "access",
        "tapis/account_type": "user",
        "exp": expires_at,
    });
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{payload}.stand-in-signature")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_fresh_token_for_this_tenant() {
        let token = mint("ana", "designsafe", 2_000);
        assert_eq!(
            check(Some(&token), "designsafe", 1_000),
            Ok(Caller {
                username: "ana".into(),
                tenant: "designsafe".into()
            })
        );
    }

    #[test]
    fn refuses_missing_garbled_expired_and_foreign_tokens() {
        let expired = mint("ana", "designsafe", 999);
        let foreign = mint("ana", "tacc", 2_000);
        for (token, why) in [
            (None, "MISSING"),
            (Some("not-a-jwt"), "PARSE"),
            (Some(expired.as_str()), "EXPIRED"),
            (Some(foreign.as_str()), "TENANT_MISMATCH"),
        ] {
            let refusal = check(token, "designsafe", 1_000).unwrap_err();
            assert!(refusal.0.contains(why), "{token:?}: {}", refusal.0);
        }
    }
}
