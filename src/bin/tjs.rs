//! `tjs validate <file.json|->`: checks request files with the browser's engine (behaviour §8).
//! Exit codes: 0 no errors (warnings allowed), 1 errors, 2 unreadable input or not JSON.

use std::io::Read;
use std::process::ExitCode;

use tjs::core::algorithm::Catalogue;
use tjs::core::problem::Severity;
use tjs::core::{json, regions, validate};

const USAGE: &str = "usage: tjs validate <file.json|-> [--format human|json] [--region REGION]\n\n\
--region: the region the job is submitted to, for the image checks (behaviour §10). Without it, an\n\
ECR image's own region is taken as meant.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut format = "human".to_string();
    let mut region = None;
    let mut positional = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--format" => format = iter.next().cloned().unwrap_or_default(),
            "--region" => region = Some(iter.next().cloned().unwrap_or_default()),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => positional.push(arg.as_str()),
        }
    }
    let (["validate", file], "human" | "json") = (positional.as_slice(), format.as_str()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if let Some(region) = region.as_deref().filter(|r| !regions::is_known(r)) {
        eprintln!("tjs: unknown region \"{region}\" (for example us-east-1, eu-west-1, cn-north-1)");
        return ExitCode::from(2);
    }
    let text = match read_input(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("tjs: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let body = match json::parse(&text) {
        Ok(body) => body,
        Err(e) => {
            eprintln!("tjs: {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let problems = validate::validate_for_region(&body, Catalogue::embedded(), region.as_deref());
    if format == "json" {
        let out = serde_json::json!({ "problems": problems.iter().map(|p| serde_json::json!({
            "path": p.path, "code": p.code, "severity": p.severity, "message": p.message,
        })).collect::<Vec<_>>() });
        println!("{out}");
    } else if problems.is_empty() {
        println!("{file}: no problems");
    } else {
        for p in &problems {
            let severity = if p.severity == Severity::Error { "error" } else { "warning" };
            println!("{file}: {severity}: {}: {} [{}]", display_path(&p.path), p.message, p.code);
            if let Some(detail) = &p.detail {
                println!("    {detail}");
            }
        }
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "(request)"
    } else {
        path
    }
}

fn read_input(file: &str) -> std::io::Result<String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
    }
}
