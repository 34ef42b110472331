//! Reads credentials pasted from `aws configure export-credentials`, in any of its formats:
//! `env` (`export AWS_ACCESS_KEY_ID=...`), `env-no-export`, `powershell`, `windows-cmd`, and
//! `process` (JSON with `AccessKeyId`, `SecretAccessKey`, `SessionToken`).
//!
//! ```
//! let keys = tjs::core::credentials::parse("export AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=secret").unwrap();
//! assert_eq!(keys.access_key_id, "AKIDEXAMPLE");
//! ```

use serde_json::Value;

use super::sign::Keys;

/// The keys in `text`, or a message saying what is missing.
pub fn parse(text: &str) -> Result<Keys, String> {
    let text = text.trim();
    if text.starts_with('{') {
        return from_json(text);
    }
    let mut keys = Keys::default();
    for line in text.lines() {
        let line = line.trim();
        // Strip the shell's wrapping: `export `, `set `, `$Env:`.
        let line = line.strip_prefix("export ").or_else(|| line.strip_prefix("set ")).unwrap_or(line);
        let line = line.strip_prefix("$Env:").or_else(|| line.strip_prefix("$env:")).unwrap_or(line);
        let Some((name, value)) = line.split_once('=') else { continue };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
        match name.trim() {
            "AWS_ACCESS_KEY_ID" => keys.access_key_id = value,
            "AWS_SECRET_ACCESS_KEY" => keys.secret_access_key = value,
            "AWS_SESSION_TOKEN" => keys.session_token = value,
            _ => {}
        }
    }
    complete(keys)
}

fn from_json(text: &str) -> Result<Keys, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("The pasted JSON is not valid: {e}."))?;
    let field = |k: &str| value.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    complete(Keys {
        access_key_id: field("AccessKeyId"),
        secret_access_key: field("SecretAccessKey"),
        session_token: field("SessionToken"),
    })
}

fn complete(keys: Keys) -> Result<Keys, String> {
    match (keys.access_key_id.is_empty(), keys.secret_access_key.is_empty()) {
        (false, false) => Ok(keys),
        _ => Err("No access key id and secret access key found. Paste the output of \
                  `aws configure export-credentials --format env` (or --format process)."
            .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "ASIAEXAMPLE123456789";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const TOKEN: &str = "IQoJb3JpZ2luX2VjE//token+with=chars";

    fn expected() -> Keys {
        Keys { access_key_id: ID.into(), secret_access_key: SECRET.into(), session_token: TOKEN.into() }
    }

    #[test]
    fn reads_every_export_format() {
        let env = format!(
            "export AWS_ACCESS_KEY_ID={ID}\nexport AWS_SECRET_ACCESS_KEY={SECRET}\nexport AWS_SESSION_TOKEN={TOKEN}\nexport AWS_CREDENTIAL_EXPIRATION=2026-11-26T12:00:00+00:00\n"
        );
        let no_export = env.replace("export ", "");
        let powershell = format!(
            "$Env:AWS_ACCESS_KEY_ID=\"{ID}\"\n$Env:AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\n$Env:AWS_SESSION_TOKEN=\"{TOKEN}\""
        );
        let cmd = format!(
            "set AWS_ACCESS_KEY_ID={ID}\r\nset AWS_SECRET_ACCESS_KEY={SECRET}\r\nset AWS_SESSION_TOKEN={TOKEN}\r\n"
        );
        let process = format!(
            r#"{{"Version": 1, "AccessKeyId": "{ID}", "SecretAccessKey": "{SECRET}", "SessionToken": "{TOKEN}", "Expiration": "2026-11-26T12:00:00+00:00"}}"#
        );
        for text in [env, no_export, powershell, cmd, process] {
            assert_eq!(parse(&text), Ok(expected()), "{text}");
        }
    }

    #[test]
    fn long_term_keys_have_no_token() {
        let keys = parse(&format!("AWS_ACCESS_KEY_ID={ID}\nAWS_SECRET_ACCESS_KEY='{SECRET}'")).unwrap();
        assert_eq!(keys.session_token, "");
        assert_eq!(keys.secret_access_key, SECRET);
    }

    #[test]
    fn says_what_is_missing() {
        assert!(parse("").is_err());
        assert!(parse("export AWS_ACCESS_KEY_ID=x").unwrap_err().contains("export-credentials"));
        assert!(parse("{ not json").unwrap_err().contains("not valid"));
        assert!(parse(r#"{"AccessKeyId": "x"}"#).is_err());
    }
}
