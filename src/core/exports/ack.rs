//! A `TrainingJob` manifest for AWS Controllers for Kubernetes (the SageMaker controller's CRD,
//! `sagemaker.services.k8s.aws/v1alpha1`). Its field names are the API's with the controller's
//! own initialisms (`roleARN`, `s3URI`, `volumeKMSKeyID`); they are read from the CRD itself
//! ([`names::ACK_FIELDS`]), so a member the controller leaves out is named in a note, never
//! guessed.

use serde_json::{Map, Value};

use super::names;
use super::{yaml, Written};
use crate::core::catalogue::{self, Kind, ShapeId};

/// The manifest, and the members the controller cannot carry.
pub fn manifest(body: &Value) -> Written {
    let mut left_out = Vec::new();
    let spec = match body {
        Value::Object(_) => convert(body, catalogue::ROOT, "", &mut left_out),
        _ => Value::Object(Map::new()),
    };
    let name = super::job_name(body);
    let mut text = String::from("apiVersion: sagemaker.services.k8s.aws/v1alpha1\nkind: TrainingJob\nmetadata:\n");
    text.push_str(&format!("  name: {}\n", super::quote::double_quoted(&kubernetes_name(&name))));
    text.push_str("spec:\n");
    if let Value::Object(spec) = &spec {
        yaml::write_mapping(spec, 2, &mut text);
    }
    let mut notes = Vec::new();
    if !left_out.is_empty() {
        let (members, it) = super::listed(&left_out);
        notes.push(format!(
            "The ACK controller's TrainingJob has no field for {members}: the manifest leaves {it} out, so the job \
             runs without {it}. Use the boto3 or AWS CLI export to keep {it}."
        ));
    }
    let missing: Vec<&str> = names::ACK_REQUIRED.iter().filter(|field| spec.get(**field).is_none()).copied().collect();
    if !missing.is_empty() {
        notes.push(format!(
            "The controller requires spec.{} as well: the cluster refuses the manifest without them. Use the \
             boto3 or AWS CLI export for this job.",
            missing.join(", spec.")
        ));
    }
    Written { text, notes }
}

/// A Kubernetes object name (lowercase letters, digits, `-` and `.`, at most 253) for the job.
fn kubernetes_name(job: &str) -> String {
    let name: String = job
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '-' })
        .take(253)
        .collect();
    let name = name.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    if name.is_empty() {
        "training-job".into()
    } else {
        name.to_string()
    }
}

/// `value` (of shape `id`, at API path `api`, dotted without list steps) with the CRD's names;
/// what has no CRD field goes to `left_out`.
fn convert(value: &Value, id: ShapeId, api: &str, left_out: &mut Vec<String>) -> Value {
    let shape = catalogue::shape(id);
    match (&shape.kind, value) {
        (Kind::Structure(_), Value::Object(object)) => {
            let mut out = Map::new();
            for (key, child) in object {
                let api_path = crate::core::path::child(api, key);
                let (Some(member), Some(field)) = (shape.member(key), names::ack_field(&api_path)) else {
                    left_out.push(api_path);
                    continue;
                };
                let name = field.rsplit('.').next().unwrap_or(field);
                out.insert(name.to_string(), convert(child, member.shape, &api_path, left_out));
            }
            Value::Object(out)
        }
        (Kind::List(item), Value::Array(items)) => {
            Value::Array(items.iter().map(|v| convert(v, *item, api, left_out)).collect())
        }
        // Maps keep their keys (hyperparameters, environment variables); other values are as
        // they are.
        _ => value.clone(),
    }
}
