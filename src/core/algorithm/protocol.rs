//! What the page tells the algorithm worker (`src/algorithm_worker.rs`) and what it answers, as
//! JSON text both ways. The catalogue, its parser and the checks live in that worker, started
//! when the form first needs them, so that none of it weighs on the page's first load (SPEC S9).
//!
//! The page sends the state the worker judges ([`state`]): what the checks read of the body, the
//! Submit region, the instance type, and what the user picked in the image picker. The worker
//! answers with everything the page shows of it ([`answer`]): the problems, what it recognises in
//! the image, the same image in the Submit region, the typed hyperparameters, and the picker
//! with its choices resolved. Messages are answered in order, so the last answer is the latest.
//!
//! ```
//! use serde_json::json;
//! use tjs::core::algorithm::{protocol, Catalogue};
//! let state = json!({ "region": "eu-west-1", "picked": { "key": "xgboost", "version": "1.7-1" } });
//! let reply: serde_json::Value = serde_json::from_str(&protocol::answer(Catalogue::embedded(), &state.to_string())).unwrap();
//! assert_eq!(reply["picker"]["uri"], "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1");
//! ```

use serde_json::{json, Map, Value};

use super::{Catalogue, ImageKind, Processor};
use crate::core::problem::{Problem, Severity};

/// The members of the body the checks read.
const READ: [&str; 5] =
    ["AlgorithmSpecification", "HyperParameters", "ResourceConfig", "InputDataConfig", "Environment"];

/// What the worker says once its catalogue is loaded and it listens: `{"ready": true}`, or
/// `{"ready": false, "error": "..."}`.
pub fn ready(loaded: &Result<Catalogue, String>) -> String {
    match loaded {
        Ok(_) => json!({ "ready": true }).to_string(),
        Err(message) => json!({ "ready": false, "error": message }).to_string(),
    }
}

/// The state the page sends: only the members of `body` the checks read, so that edits
/// elsewhere send nothing new. `picked` is the image picker's state (`key`, `version`, `py`,
/// `processor`, and `chosen` once the user chose the processor).
pub fn state(body: &Value, region: &str, picked: &Value) -> Value {
    let has_image = body
        .pointer("/AlgorithmSpecification/TrainingImage")
        .and_then(Value::as_str)
        .is_some_and(|i| !i.trim().is_empty());
    let read: Map<String, Value> = match has_image {
        true => READ.iter().filter_map(|m| body.get(*m).map(|v| (m.to_string(), v.clone()))).collect(),
        // Without an image there is nothing to check; the picker still follows the instance type.
        false => body
            .pointer("/ResourceConfig/InstanceType")
            .map(|t| [("ResourceConfig".to_string(), json!({ "InstanceType": t }))].into_iter().collect())
            .unwrap_or_default(),
    };
    json!({ "body": read, "region": region, "picked": picked })
}

/// The worker's whole job: a [`state`] in, what the page shows out. Never fails: a malformed
/// state is judged as far as it can be read.
pub fn answer(catalogue: &Catalogue, state: &str) -> String {
    let state: Value = serde_json::from_str(state).unwrap_or(Value::Null);
    let body = &state["body"];
    let region = state["region"].as_str().filter(|r| !r.is_empty());
    let uri = body.pointer("/AlgorithmSpecification/TrainingImage").and_then(Value::as_str).unwrap_or_default();
    let instance_type = body.pointer("/ResourceConfig/InstanceType").and_then(Value::as_str).unwrap_or_default();
    let script = body.pointer("/HyperParameters/sagemaker_program").is_some();
    json!({
        "problems": super::check(body, catalogue, region),
        "recognised": catalogue.recognise(uri).map(|known| json!({
            "key": known.image.key,
            "version": known.version.map(|v| v.key.as_str()),
            "py": known.py,
            "processor": known.processor,
            "region": known.region,
        })),
        "rewrite": region.and_then(|region| {
            let known = catalogue.recognise(uri)?;
            (known.region != region).then(|| catalogue.rewrite_for_region(uri, region)).flatten()
        }),
        "typed": typed(catalogue, uri, script),
        "picker": picker(catalogue, &state["picked"], instance_type, region.unwrap_or("us-east-1")),
    })
    .to_string()
}

/// The typed hyperparameters of a built-in algorithm's image: required ones first. Names
/// SageMaker itself sets (`_tuning_objective_metric`) or the SDK adds (`sagemaker_*`) stay in
/// the free rows, and a script of the user's (XGBoost's script mode) reads hyperparameters of
/// its own, so it gets none.
fn typed(catalogue: &Catalogue, uri: &str, script: bool) -> Option<Value> {
    let (accepts, profile) = catalogue.built_in(uri).filter(|_| !script)?;
    let mut shown: Vec<_> = accepts
        .hyperparameters_for(profile)
        .filter(|h| !h.name.starts_with('_') && !h.name.starts_with("sagemaker_"))
        .collect();
    shown.sort_by_key(|h| !h.required);
    let hyperparameters: Vec<Value> = shown
        .into_iter()
        .map(|h| {
            json!({
                "name": h.name,
                "kind": format!("{:?}", h.kind).to_lowercase(),
                "values": h.values,
                "required": h.required,
                "default": h.default,
                "help": h.help,
                "expects": h.expectation(),
            })
        })
        .collect();
    Some(json!({ "algorithm": accepts.name, "hyperparameters": hyperparameters }))
}

/// The image picker with its choices resolved: what each part offers and which option is
/// picked. An unknown or missing pick falls back to the newest version, the first Python
/// version, and the processor of the instance type (until the user chose one).
pub fn picker(catalogue: &Catalogue, picked: &Value, instance_type: &str, region: &str) -> Value {
    let text = |name: &str| picked[name].as_str().unwrap_or_default();
    let images: Vec<Value> = catalogue
        .images
        .iter()
        .map(|i| {
            json!({
                "key": i.key,
                "name": catalogue.display_name(&i.key),
                "kind": if i.kind == ImageKind::BuiltIn { "built-in" } else { "framework" },
            })
        })
        .collect();
    let Some(image) = catalogue.image(text("key")) else {
        return json!({ "images": images, "key": "" });
    };
    let mut versions: Vec<&str> = image.versions.iter().rev().map(|v| v.key.as_str()).collect();
    versions.dedup();
    let version =
        versions.iter().copied().find(|v| *v == text("version")).or(versions.first().copied()).unwrap_or_default();
    let entries: Vec<_> = image.versions.iter().filter(|v| v.key == version).collect();
    let mut pys: Vec<&str> = entries.iter().flat_map(|v| v.py.iter().map(String::as_str)).collect();
    pys.dedup();
    let processors: Vec<&str> =
        entries.first().map(|v| v.processors.iter().map(String::as_str).collect()).unwrap_or_default();
    let py = pys.iter().copied().find(|p| *p == text("py")).or(pys.first().copied());
    let follows = match catalogue.processor_of(instance_type) {
        Some(Processor::Gpu) => "gpu",
        _ => "cpu",
    };
    let chosen = picked["chosen"].as_bool().unwrap_or(false);
    let processor = processors
        .iter()
        .copied()
        .find(|p| chosen && *p == text("processor"))
        .or_else(|| processors.iter().copied().find(|p| *p == follows))
        .or(processors.first().copied());
    json!({
        "images": images,
        "key": image.key,
        "kind": if image.kind == ImageKind::BuiltIn { "built-in" } else { "framework" },
        "versions": versions,
        "version": version,
        "pys": pys,
        "py": py,
        "processors": processors,
        "processor": processor,
        "uri": catalogue.image_uri(&image.key, version, region, processor, py),
    })
}

/// The problems of an answer, as the page shows them. The codes are the S10 table's; an answer
/// naming any other is dropped rather than shown with a made-up code.
pub fn problems_of(reply: &Value) -> Vec<Problem> {
    reply
        .get("problems")
        .and_then(Value::as_array)
        .map(|problems| {
            problems
                .iter()
                .filter_map(|p| {
                    let code = super::CODES.iter().find(|c| p.get("code").and_then(Value::as_str) == Some(**c))?;
                    let severity = if p.get("severity").and_then(Value::as_str) == Some("warning") {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    Some(Problem {
                        path: p.get("path").and_then(Value::as_str).unwrap_or_default().to_string(),
                        code,
                        severity,
                        message: p.get("message").and_then(Value::as_str).unwrap_or_default().to_string(),
                        detail: None,
                        missing_key: p.get("missing_key").and_then(Value::as_str).map(str::to_string),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}
