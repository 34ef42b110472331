//! Reads pasted credentials, in every form people have them in:
//! - `aws configure export-credentials`: `env` (`export AWS_ACCESS_KEY_ID=...`), `env-no-export`,
//!   `powershell`, `windows-cmd`, and `process` (JSON with `AccessKeyId`, `SecretAccessKey`,
//!   `SessionToken`);
//! - the answer of `aws sts assume-role` or `get-session-token` (the same, under `Credentials`);
//! - a credentials file (`~/.aws/credentials`: `[profile]` sections with `aws_access_key_id = ...`);
//! - the access key file the console offers as a download (`Access key ID,Secret access key`).
//!
//! ```
//! let keys = tjs::core::credentials::parse("export AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=secret").unwrap();
//! assert_eq!(keys.access_key_id, "AKIDEXAMPLE");
//! ```

use serde_json::Value;

use super::sign::Keys;

/// The keys in `text`, or a message saying what is missing.
pub fn parse(text: &str) -> Result<Keys, String> {
    parse_profile(text, "").map(|(keys, _)| keys)
}

/// The keys in `text`; from a credentials file, those of `profile` (empty: `default`, or the
/// only one). Also says which profile was used and which others the file has, or nothing.
pub fn parse_profile(text: &str, profile: &str) -> Result<(Keys, String), String> {
    let text = text.trim().trim_start_matches('\u{feff}');
    if text.starts_with('{') {
        return from_json(text).map(|keys| (keys, String::new()));
    }
    if text.lines().any(|l| l.trim().starts_with('[')) {
        return from_profiles(text, profile);
    }
    if let Some(keys) = from_csv(text) {
        return complete(keys).map(|keys| (keys, String::new()));
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
    complete(keys).map(|keys| (keys, String::new()))
}

fn from_json(text: &str) -> Result<Keys, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("The pasted JSON is not valid: {e}."))?;
    // `aws sts assume-role` and `get-session-token` put them under `Credentials`.
    let value = value.get("Credentials").filter(|c| c.is_object()).unwrap_or(&value);
    let field = |k: &str| value.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    complete(Keys {
        access_key_id: field("AccessKeyId"),
        secret_access_key: field("SecretAccessKey"),
        session_token: field("SessionToken"),
    })
}

/// A credentials file: its `[profile]` sections.
fn from_profiles(text: &str, wanted: &str) -> Result<(Keys, String), String> {
    let mut profiles: Vec<(String, Keys)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim();
            profiles.push((name.strip_prefix("profile ").unwrap_or(name).trim().to_string(), Keys::default()));
            continue;
        }
        let (Some((_, keys)), Some((name, value))) = (profiles.last_mut(), line.split_once('=')) else { continue };
        let value = value.trim().to_string();
        match name.trim().to_ascii_lowercase().as_str() {
            "aws_access_key_id" => keys.access_key_id = value,
            "aws_secret_access_key" => keys.secret_access_key = value,
            "aws_session_token" | "aws_security_token" => keys.session_token = value,
            _ => {}
        }
    }
    let with_keys: Vec<&(String, Keys)> = profiles.iter().filter(|(_, k)| !k.access_key_id.is_empty()).collect();
    let names = |except: &str| {
        with_keys.iter().map(|(n, _)| n.as_str()).filter(|n| *n != except).collect::<Vec<_>>().join(", ")
    };
    let wanted = wanted.trim();
    let chosen = if !wanted.is_empty() {
        with_keys.iter().find(|(n, _)| n == wanted)
    } else if with_keys.len() == 1 {
        with_keys.first()
    } else {
        with_keys.iter().find(|(n, _)| n == "default")
    };
    let Some((name, keys)) = chosen else {
        return Err(if with_keys.is_empty() {
            "The pasted file has no profile with an aws_access_key_id.".to_string()
        } else {
            format!("Choose a profile: the pasted file has {}.", names(""))
        });
    };
    let others = names(name);
    let said = if others.is_empty() {
        format!("profile {name}")
    } else {
        format!("profile {name}; the file also has {others}")
    };
    complete(keys.clone()).map(|keys| (keys, said))
}

/// The console's access key file: a header row (`Access key ID,Secret access key`), then the keys.
fn from_csv(text: &str) -> Option<Keys> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let header: Vec<String> = lines.next()?.split(',').map(|h| h.trim().to_ascii_lowercase()).collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (id, secret) = (column("access key id")?, column("secret access key")?);
    let values: Vec<&str> = lines.next()?.split(',').map(str::trim).collect();
    Some(Keys {
        access_key_id: values.get(id)?.to_string(),
        secret_access_key: values.get(secret)?.to_string(),
        session_token: String::new(),
    })
}

fn complete(keys: Keys) -> Result<Keys, String> {
    match (keys.access_key_id.is_empty(), keys.secret_access_key.is_empty()) {
        (false, false) => Ok(keys),
        _ => Err("No access key id and secret access key found. Paste the output of \
                  `aws configure export-credentials --format env` (or --format process), a credentials file, \
                  or the console's access key file."
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
    fn reads_assume_role_answers_credentials_files_and_the_consoles_key_file() {
        let sts = format!(
            r#"{{"Credentials": {{"AccessKeyId": "{ID}", "SecretAccessKey": "{SECRET}", "SessionToken": "{TOKEN}",
                "Expiration": "2026-11-26T12:00:00Z"}}, "AssumedRoleUser": {{"Arn": "arn:aws:sts::1:assumed-role/R/s"}}}}"#
        );
        assert_eq!(parse(&sts), Ok(expected()));
        let file = format!(
            "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = other\n\n\
             [profile work]\naws_access_key_id = {ID}\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}\n\
             region = eu-west-1\n[sso-only]\nsso_session = x\n"
        );
        let (keys, said) = parse_profile(&file, "").unwrap();
        assert_eq!(
            (keys.access_key_id.as_str(), said.as_str()),
            ("AKIDDEFAULT", "profile default; the file also has work")
        );
        let (keys, said) = parse_profile(&file, "work").unwrap();
        assert_eq!((keys, said.as_str()), (expected(), "profile work; the file also has default"));
        assert_eq!(parse_profile(&file, "nope").unwrap_err(), "Choose a profile: the pasted file has default, work.");
        let no_default = file.replacen("[default]", "[home]", 1);
        assert_eq!(parse_profile(&no_default, "").unwrap_err(), "Choose a profile: the pasted file has home, work.");
        let one = format!("[ci]\naws_access_key_id={ID}\naws_secret_access_key={SECRET}");
        assert_eq!(parse_profile(&one, "").unwrap().1, "profile ci");
        assert!(parse("[sso]\nsso_session = x").unwrap_err().contains("no profile"));
        let csv = format!("\u{feff}Access key ID,Secret access key\r\n{ID},{SECRET}\r\n");
        assert_eq!(parse(&csv), Ok(Keys { session_token: String::new(), ..expected() }));
    }

    #[test]
    fn says_what_is_missing() {
        assert!(parse("").is_err());
        assert!(parse("export AWS_ACCESS_KEY_ID=x").unwrap_err().contains("export-credentials"));
        assert!(parse("{ not json").unwrap_err().contains("not valid"));
        assert!(parse(r#"{"AccessKeyId": "x"}"#).is_err());
    }
}
