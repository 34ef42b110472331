//! What the page asks the algorithm worker (`src/algorithm_worker.rs`) and what it answers, as
//! JSON text both ways. The catalogue, its parser and the checks live in that worker, loaded
//! when the form first needs them, so that none of it weighs on the page's first load (SPEC S9).
//! Every request carries an `id` that its answer repeats, so answers to quick successive
//! requests never mix.
//!
//! | `ask` | with | answer |
//! |---|---|---|
//! | `check` | `body`, `region` | `problems`: `[{path, code, severity, message}]`, with body paths |
//! | `images` | | `images`: `[{key, name, kind, versions: [{key, py, processors}]}]` |
//! | `uri` | `key`, `version`, `region`, `processor`, `py` | `uri`: the image URI or null |
//! | `image` | `uri`, `region`, `instance_type`, `script` | `recognised`, `rewrite`, `typed`, `instance_processor` |
//!
//! ```
//! use tjs::core::algorithm::{protocol::answer, Catalogue};
//! let reply = answer(Catalogue::embedded(), r#"{"id": 7, "ask": "uri", "key": "xgboost", "version": "1.7-1", "region": "eu-west-1"}"#);
//! let reply: serde_json::Value = serde_json::from_str(&reply).unwrap();
//! assert_eq!(reply["id"], 7);
//! assert_eq!(reply["uri"], "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1");
//! ```

use serde_json::{json, Value};

use super::{Catalogue, ImageKind, Processor};
use crate::core::problem::{Problem, Severity};

/// What the worker says once its catalogue is loaded and it listens: `{"ready": true}`, or
/// `{"ready": false, "error": "..."}`.
pub fn ready(loaded: &Result<Catalogue, String>) -> String {
    match loaded {
        Ok(_) => json!({ "ready": true }).to_string(),
        Err(message) => json!({ "ready": false, "error": message }).to_string(),
    }
}

/// The worker's whole job: one request in, its answer out. Never fails: a malformed request
/// gets an `error` answer.
pub fn answer(catalogue: &Catalogue, request: &str) -> String {
    let request: Value = serde_json::from_str(request).unwrap_or(Value::Null);
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let text = |name: &str| request.get(name).and_then(Value::as_str).filter(|s| !s.is_empty());
    let mut reply = match request.get("ask").and_then(Value::as_str) {
        Some("check") => {
            let problems = super::check(&request["body"], catalogue, text("region"));
            json!({ "problems": problems })
        }
        Some("images") => images(catalogue),
        Some("uri") => json!({
            "uri": catalogue.image_uri(
                text("key").unwrap_or_default(),
                text("version").unwrap_or_default(),
                text("region").unwrap_or_default(),
                text("processor"),
                text("py"),
            )
        }),
        Some("image") => {
            let script = request.get("script").and_then(Value::as_bool).unwrap_or(false);
            image(catalogue, text("uri").unwrap_or_default(), text("region"), text("instance_type"), script)
        }
        _ => json!({ "error": "The algorithm worker got a request it does not know." }),
    };
    reply["id"] = id;
    reply.to_string()
}

/// Every image the picker offers, with what each version offers.
fn images(catalogue: &Catalogue) -> Value {
    let images: Vec<Value> = catalogue
        .images
        .iter()
        .map(|image| {
            let mut versions: Vec<Value> = Vec::new();
            // Newest first; a version listed once per Python version is offered once.
            for v in image.versions.iter().rev() {
                match versions.iter_mut().find(|known| known["key"] == v.key.as_str()) {
                    Some(known) => {
                        for py in &v.py {
                            if let Some(list) = known["py"].as_array_mut() {
                                list.push(json!(py));
                            }
                        }
                    }
                    None => versions.push(json!({ "key": v.key, "py": v.py, "processors": v.processors })),
                }
            }
            json!({
                "key": image.key,
                "name": catalogue.display_name(&image.key),
                "kind": if image.kind == ImageKind::BuiltIn { "built-in" } else { "framework" },
                "versions": versions,
            })
        })
        .collect();
    json!({ "images": images })
}

/// What the form needs to know about the image it holds: which catalogue entry it is, the same
/// image in the Submit region, the typed hyperparameters, and the instance type's processor.
fn image(catalogue: &Catalogue, uri: &str, region: Option<&str>, instance_type: Option<&str>, script: bool) -> Value {
    let recognised = catalogue.recognise(uri).map(|known| {
        json!({
            "key": known.image.key,
            "version": known.version.map(|v| v.key.as_str()),
            "py": known.py,
            "processor": known.processor,
            "region": known.region,
        })
    });
    let rewrite = region.and_then(|region| {
        let known = catalogue.recognise(uri)?;
        (known.region != region).then(|| catalogue.rewrite_for_region(uri, region)).flatten()
    });
    // A script of the user's (XGBoost's script mode) reads hyperparameters of its own.
    let typed = catalogue.built_in(uri).filter(|_| !script).map(|(accepts, profile)| {
        // Names SageMaker itself sets (`_tuning_objective_metric`) or the SDK adds
        // (`sagemaker_*`) stay in the free rows; required ones come first.
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
        json!({ "algorithm": accepts.name, "hyperparameters": hyperparameters })
    });
    let instance_processor = instance_type.and_then(|t| catalogue.processor_of(t)).map(|p| match p {
        Processor::Cpu => "cpu",
        Processor::Gpu => "gpu",
        Processor::Neuron => "neuron",
    });
    json!({ "recognised": recognised, "rewrite": rewrite, "typed": typed, "instance_processor": instance_processor })
}

/// The `check` request for a body: only the members the checks read, so that edits elsewhere
/// send nothing. `None` when there is no training image to judge.
pub fn check_request(body: &Value, region: &str) -> Option<Value> {
    let image = body.pointer("/AlgorithmSpecification/TrainingImage").and_then(Value::as_str)?;
    if image.trim().is_empty() {
        return None;
    }
    let mut read = serde_json::Map::new();
    for member in ["AlgorithmSpecification", "HyperParameters", "ResourceConfig", "InputDataConfig", "Environment"] {
        if let Some(value) = body.get(member) {
            read.insert(member.to_string(), value.clone());
        }
    }
    Some(json!({ "ask": "check", "body": read, "region": region }))
}

/// The problems of a `check` answer, as the page shows them. The codes are the S10 table's;
/// an answer naming any other is dropped rather than shown with a made-up code.
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
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}
