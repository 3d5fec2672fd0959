//! What tapipy asks of a tenant before the Jobs API, so the real client runs against the
//! stand-in unchanged: `Tapis(base_url, username, password)` lists the sites and tenants
//! (`GET /v3/sites`, `GET /v3/tenants`, public) to find the tenant of its base URL, and
//! `get_tokens()` posts the password to the Authenticator (`POST /v3/oauth2/tokens`,
//! API.md §4). Any user name with a password gets a token for that user: the stand-in is
//! a test tool, not a security boundary.

use serde_json::{json, Value};

use crate::auth;

/// The one site, as the Tenants API describes it (tapipy's `Site` schema).
pub fn sites(base_url: &str) -> Value {
    json!([{
        "site_id": "stand-in",
        "base_url": base_url,
        "primary": true,
        "services": ["jobs", "authenticator", "tenants"],
        "tenant_base_url_template": base_url,
        "site_admin_tenant_id": "admin",
    }])
}

/// The tenant being played, at `base_url` (tapipy's `Tenant` schema).
pub fn tenants(base_url: &str, tenant: &str) -> Value {
    json!([{
        "tenant_id": tenant,
        "base_url": base_url,
        "site_id": "stand-in",
        "token_service": format!("{base_url}/v3/tokens"),
        "security_kernel": format!("{base_url}/v3/security"),
        "authenticator": format!("{base_url}/v3/oauth2"),
        "owner": "stand-in@example.org",
        "admin_user": "admin",
        "token_gen_services": ["authenticator"],
        "public_key": "-----BEGIN PUBLIC KEY-----\nnot a key: the stand-in's tokens are not signed\n-----END PUBLIC KEY-----",
        "description": "A local stand-in for a Tapis tenant (tests and demos)",
        "status": "active",
    }])
}

/// The token the Authenticator gives for a password grant, or why not. `form` is the
/// request's body as key-value pairs (JSON or form-encoded, both are accepted).
pub fn token(
    form: &[(String, String)],
    tenant: &str,
    now: i64,
    ttl_seconds: i64,
) -> Result<Value, String> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    if field("grant_type") != Some("password") {
        return Err("AUTHENTICATOR_GRANT_TYPE Only the password grant is offered here.".into());
    }
    let (Some(user), Some(_password)) = (field("username"), field("password")) else {
        return Err("Invalid username/password combination.".into());
    };
    let expires_at = now + ttl_seconds;
    let access = auth::mint(user, tenant, expires_at);
    let jti = access.split('.').nth(1).map_or(0, str::len);
    let at = chrono::DateTime::from_timestamp(expires_at, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string())
        .unwrap_or_default();
    Ok(json!({
        "access_token": {
            "access_token": access,
            "expires_at": at,
            "expires_in": ttl_seconds,
            "jti": format!("stand-in-{jti}-{expires_at}"),
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_password_grant_gets_a_token_for_that_user() {
        let form = pairs(&[
            ("username", "ana"),
            ("password", "x"),
            ("grant_type", "password"),
        ]);
        let result = token(&form, "designsafe", 1_000, 14_400).unwrap();
        let jwt = result["access_token"]["access_token"].as_str().unwrap();
        assert_eq!(
            auth::check(Some(jwt), "designsafe", 1_000)
                .unwrap()
                .username,
            "ana"
        );
        assert_eq!(result["access_token"]["expires_in"], 14_400);
        assert_eq!(
            result["access_token"]["expires_at"],
            "1970-01-01T04:16:40.000000+00:00"
        );
        let no_password = pairs(&[("username", "ana"), ("grant_type", "password")]);
        assert!(token(&no_password, "designsafe", 1_000, 60).is_err());
    }

    #[test]
    fn the_tenant_is_found_by_its_base_url() {
        let t = tenants("http://127.0.0.1:9", "designsafe");
        assert_eq!(t[0]["base_url"], "http://127.0.0.1:9");
        assert_eq!(t[0]["site_id"], sites("http://127.0.0.1:9")[0]["site_id"]);
    }
}
