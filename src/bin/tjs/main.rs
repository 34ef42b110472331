//! `tjs`: the browser's engine on the command line (behaviour §8 and §14).
//!
//! - `tjs validate <file.json|->` checks a request. Exit codes: 0 no errors (warnings allowed),
//!   1 errors, 2 unreadable input or not JSON.
//! - `tjs export --to <kind> <file.json|->` prints the request in another tool's format, the same
//!   text as the page's Export section; what the export cannot carry goes to standard error.
//! - `tjs schema` prints a JSON Schema of the request.

use std::io::{Read, Write};
use std::process::ExitCode;

use serde_json::Value;
use tjs::core::algorithm::Catalogue;
use tjs::core::exports::{schema, ExportFormat};
use tjs::core::problem::Severity;
use tjs::core::sign::Keys;
use tjs::core::{credentials, json, regions, validate};

mod account_calls;

const USAGE: &str = "usage: tjs validate <file.json|-> [--format human|json] [--region REGION]\n                    \
[--account [--endpoint-url URL] [--profile NAME]]\n       \
tjs export --to KIND <file.json|-> [--region REGION]\n       \
tjs schema\n\n\
--region: the region the job is submitted to. validate uses it for the image checks (behaviour\n\
§10); without it, an ECR image's own region is taken as meant. export writes it into the\n\
commands and code; without it, AWS_REGION, AWS_DEFAULT_REGION or us-east-1.\n\
--account: also check the request against the account (behaviour §13: role, buckets, data,\n\
VPC, image, KMS keys) with read-only calls, signed with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY\n\
and AWS_SESSION_TOKEN, or with --profile (or AWS_PROFILE) from AWS_SHARED_CREDENTIALS_FILE or\n\
~/.aws/credentials. It needs the region (--region, AWS_REGION or AWS_DEFAULT_REGION).\n\
--endpoint-url: one URL that answers for every service (a local stack).\n\
KIND: cli, cli-file, boto3, sdk, pipeline, sfn, sfn-execution, airflow, ack, terraform.";

/// What the command line asks for.
enum Command {
    Validate { file: String, json_output: bool, region: Option<String>, account: Option<AccountOptions> },
    Export { file: String, format: ExportFormat, region: Option<String> },
    Schema,
    Help,
}

/// How to reach the account, for `validate --account`.
struct AccountOptions {
    endpoint_url: String,
    profile: Option<String>,
}

/// Reads the arguments; `Err` says what is wrong with them.
fn parse(args: &[String]) -> Result<Command, String> {
    let mut format = "human".to_string();
    let mut region = None;
    let (mut account, mut endpoint_url, mut profile) = (false, None, None);
    let mut to = None;
    let mut positional = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || iter.next().cloned().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--format" => format = value()?,
            "--region" => region = Some(value()?),
            "--to" => to = Some(value()?),
            "--account" => account = true,
            "--endpoint-url" => endpoint_url = Some(value()?),
            "--profile" => profile = Some(value()?),
            "-h" | "--help" => return Ok(Command::Help),
            _ => positional.push(arg.as_str()),
        }
    }
    if let Some(region) = region.as_deref().filter(|r| !regions::is_known(r)) {
        return Err(format!("unknown region \"{region}\" (for example us-east-1, eu-west-1, cn-north-1)"));
    }
    if !account && (endpoint_url.is_some() || profile.is_some()) {
        return Err("--endpoint-url and --profile go with --account".into());
    }
    let account = account.then(|| AccountOptions { endpoint_url: endpoint_url.unwrap_or_default(), profile });
    match positional.as_slice() {
        ["validate", file] if matches!(format.as_str(), "human" | "json") => {
            Ok(Command::Validate { file: file.to_string(), json_output: format == "json", region, account })
        }
        ["export", file] => {
            let kind = to.ok_or("export needs --to KIND")?;
            let format = ExportFormat::from_key(&kind).ok_or_else(|| format!("no export kind \"{kind}\""))?;
            Ok(Command::Export { file: file.to_string(), format, region })
        }
        ["schema"] => Ok(Command::Schema),
        _ => Err(String::new()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(command) => command,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("tjs: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            say(&format!("{USAGE}\n"));
            ExitCode::SUCCESS
        }
        Command::Schema => {
            say(&format!("{}\n", json::pretty(&schema::request_schema())));
            ExitCode::SUCCESS
        }
        Command::Validate { file, json_output, region, account } => match read_request(&file) {
            Ok(body) => validate_file(&file, &body, json_output, region, account.as_ref()),
            Err(code) => code,
        },
        Command::Export { file, format, region } => match read_request(&file) {
            Ok(body) => export(&body, format, region),
            Err(code) => code,
        },
    }
}

fn validate_file(
    file: &str,
    body: &Value,
    json_output: bool,
    region: Option<String>,
    account: Option<&AccountOptions>,
) -> ExitCode {
    let mut problems = validate::validate_for_region(body, Catalogue::embedded(), region.as_deref());
    let mut skipped = Vec::new();
    if let Some(options) = account {
        let region = region.or_else(environment_region).ok_or(());
        let region = match region {
            Ok(region) => region,
            Err(()) => {
                eprintln!("tjs: --account needs the job's region: --region, AWS_REGION or AWS_DEFAULT_REGION");
                return ExitCode::from(2);
            }
        };
        let keys = match account_keys(options.profile.as_deref()) {
            Ok(keys) => keys,
            Err(message) => {
                eprintln!("tjs: {message}");
                return ExitCode::from(2);
            }
        };
        let outcome = account_calls::check(body, &region, &keys, &options.endpoint_url);
        problems.extend(outcome.problems);
        skipped = outcome.skipped;
    }
    if json_output {
        let out = serde_json::json!({ "problems": problems.iter().map(|p| serde_json::json!({
            "path": p.path, "code": p.code, "severity": p.severity, "message": p.message,
        })).collect::<Vec<_>>(), "skipped": skipped.iter().map(|s| serde_json::json!({
            "path": s.path, "code": s.code, "reason": s.reason,
        })).collect::<Vec<_>>() });
        say(&format!("{out}\n"));
    } else if problems.is_empty() {
        say(&format!("{file}: no problems\n"));
    } else {
        let mut lines = String::new();
        for p in &problems {
            let severity = if p.severity == Severity::Error { "error" } else { "warning" };
            lines.push_str(&format!("{file}: {severity}: {}: {} [{}]\n", display_path(&p.path), p.message, p.code));
            if let Some(detail) = &p.detail {
                lines.push_str(&format!("    {detail}\n"));
            }
        }
        say(&lines);
    }
    if !json_output {
        let lines: String = skipped
            .iter()
            .map(|s| format!("{file}: not checked: {}: {} [{}]\n", display_path(&s.path), s.reason, s.code))
            .collect();
        say(&lines);
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The region from the environment, as the AWS CLI reads it.
fn environment_region() -> Option<String> {
    ["AWS_REGION", "AWS_DEFAULT_REGION"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|r| !r.trim().is_empty())
}

/// The credentials for `--account`: the environment's keys, or a profile of the credentials file
/// (`--profile`, else `AWS_PROFILE` when the environment has no keys).
fn account_keys(profile: Option<&str>) -> Result<Keys, String> {
    let variable = |name: &str| std::env::var(name).unwrap_or_default();
    if profile.is_none() && !variable("AWS_ACCESS_KEY_ID").is_empty() {
        return Ok(Keys {
            access_key_id: variable("AWS_ACCESS_KEY_ID"),
            secret_access_key: variable("AWS_SECRET_ACCESS_KEY"),
            session_token: variable("AWS_SESSION_TOKEN"),
        });
    }
    let profile = profile.map(str::to_string).unwrap_or_else(|| variable("AWS_PROFILE"));
    let file = std::env::var("AWS_SHARED_CREDENTIALS_FILE")
        .ok()
        .filter(|f| !f.is_empty())
        .or_else(|| std::env::var("HOME").ok().map(|home| format!("{home}/.aws/credentials")))
        .ok_or("--account needs credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or --profile")?;
    let text = std::fs::read_to_string(&file).map_err(|e| {
        format!(
            "--account needs credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in {file} ({e})"
        )
    })?;
    let wanted = if profile.is_empty() { "default" } else { profile.as_str() };
    credentials::parse_profile(&text, wanted).map(|(keys, _)| keys).map_err(|e| format!("{file}: {e}"))
}

/// Prints the export; its notes, and whether the request has errors, go to standard error.
fn export(body: &Value, format: ExportFormat, region: Option<String>) -> ExitCode {
    let region = region
        .or_else(|| std::env::var("AWS_REGION").ok())
        .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
        .filter(|r| regions::is_known(r))
        .unwrap_or_else(|| "us-east-1".to_string());
    let written = format.write(body, &region);
    say(&written.text);
    let errors = validate::validate_for_region(body, Catalogue::embedded(), Some(&region))
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if errors > 0 {
        let errors = if errors == 1 { "1 error".to_string() } else { format!("{errors} errors") };
        eprintln!("tjs: note: the request has {errors} (tjs validate lists them); it is exported as it is.");
    }
    for note in &written.notes {
        eprintln!("tjs: note: {note}");
    }
    ExitCode::SUCCESS
}

/// Writes to standard output; a reader that went away (`tjs schema | head`) is not an error.
fn say(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "(request)"
    } else {
        path
    }
}

/// The request in `file` (`-` for standard input), or the exit code for input that is not one.
fn read_request(file: &str) -> Result<Value, ExitCode> {
    let text = if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(file)
    };
    let text = text.map_err(|e| {
        eprintln!("tjs: cannot read {file}: {e}");
        ExitCode::from(2)
    })?;
    json::parse(&text).map_err(|e| {
        eprintln!("tjs: {file}: {e}");
        ExitCode::from(2)
    })
}
