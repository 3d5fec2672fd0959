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

/// Makes a token with Tapis' claims, for tests and demos: a well-formed RS256 JWT (three
/// base64url parts, a 256-byte signature, as a 2048-bit key gives) that JWT libraries
/// decode, as tapipy does, without checking the signature. The signature is not a real
/// one: nothing but this stand-in accepts the token.
pub fn mint(username: &str, tenant: &str, expires_at: i64) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT"}"#);
    let claims = serde_json::json!({
        "jti": format!("{:016x}", fnv(format!("{username}@{tenant}:{expires_at}").as_bytes())),
        "iss": format!("https://{tenant}.tapis.io/v3/tokens"),
        "sub": format!("{username}@{tenant}"),
        "tapis/tenant_id": tenant,
        "tapis/token_type": "access",
        "tapis/delegation": false,
        "tapis/delegation_sub": null,
        "tapis/username": username,
        "tapis/account_type": "user",
        "exp": expires_at,
    });
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut state = fnv(payload.as_bytes());
    let signature: Vec<u8> = (0..256)
        .map(|_| {
            state = state.wrapping_mul(0x0100_0000_01b3) ^ 0x9E37_79B9_7F4A_7C15;
            (state >> 56) as u8
        })
        .collect();
    format!("{header}.{payload}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// FNV-1a: a stable stand-in for the token's id and signature bytes.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
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
    fn a_token_is_three_base64url_parts_with_an_rs256_sized_signature() {
        let token = mint("ana", "designsafe", 2_000);
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        for part in &parts {
            assert!(!part.contains('='), "no padding: {part}");
        }
        let header: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "RS256");
        assert_eq!(URL_SAFE_NO_PAD.decode(parts[2]).unwrap().len(), 256);
        assert_ne!(
            mint("bob", "designsafe", 2_000).split('.').nth(2),
            Some(parts[2])
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
