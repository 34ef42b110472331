//! A Terraform `aws_sagemaker_training_job` resource (terraform-provider-aws). Structures are
//! blocks, lists of structures repeat their block, maps and lists of strings are arguments, and
//! `Tags` is the provider's `tags` map. The names come from the provider's documentation page
//! ([`names::TERRAFORM_NAMES`]); a member it has no name for is named in a note.

use serde_json::Value;

use super::names;
use super::quote::hcl_string;
use super::Written;
use crate::core::catalogue::{self, Kind, ShapeId};

/// The resource, for `region`.
pub fn resource(body: &Value, region: &str) -> Written {
    let mut text =
        format!("resource \"aws_sagemaker_training_job\" {} {{\n", hcl_string(&label(&super::job_name(body))));
    text.push_str(&format!("  region = {}\n", hcl_string(region)));
    let mut left_out = Vec::new();
    if let Value::Object(_) = body {
        write_members(body, catalogue::ROOT, "", 1, &mut text, &mut left_out);
    }
    text.push_str("}\n");
    let notes = if left_out.is_empty() {
        Vec::new()
    } else {
        let (members, it) = super::listed(&left_out);
        vec![format!(
            "The provider's aws_sagemaker_training_job has no argument for {members}: the resource leaves {it} out, \
             so the job runs without {it}. Use the boto3 or AWS CLI export to keep {it}."
        )]
    };
    Written { text, notes }
}

/// A resource name: letters, digits, `_` and `-`, starting with a letter or `_`.
fn label(job: &str) -> String {
    let name: String = job.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("job_{name}")
    }
}

/// The members of the structure `value` (shape `id`, API path `api`) at `depth`.
fn write_members(value: &Value, id: ShapeId, api: &str, depth: usize, out: &mut String, left_out: &mut Vec<String>) {
    let pad = "  ".repeat(depth);
    let shape = catalogue::shape(id);
    let Value::Object(object) = value else { return };
    for (key, child) in object {
        let api_path = crate::core::path::child(api, key);
        let (Some(member), Some(name)) = (shape.member(key), names::terraform_name(&api_path)) else {
            left_out.push(api_path);
            continue;
        };
        let short = name.rsplit('.').next().unwrap_or(name);
        let member_shape = catalogue::shape(member.shape);
        if api_path == "Tags" {
            // The provider's tags are a map of key to value.
            let pairs = child.as_array().map(Vec::as_slice).unwrap_or_default().iter().map(|tag| {
                let text = |k: &str| tag.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
                (text("Key"), Value::String(text("Value")))
            });
            let map: serde_json::Map<String, Value> = pairs.collect();
            out.push_str(&format!("{pad}{short} = {}\n", expression(&Value::Object(map), depth)));
        } else if names::is_terraform_block(name) {
            let items = match (&member_shape.kind, child) {
                (Kind::List(item), Value::Array(items)) => items.iter().map(|v| (v, *item)).collect(),
                _ => vec![(child, member.shape)],
            };
            for (item, item_shape) in items {
                out.push_str(&format!("{pad}{short} {{\n"));
                write_members(item, item_shape, &api_path, depth + 1, out, left_out);
                out.push_str(&format!("{pad}}}\n"));
            }
        } else {
            out.push_str(&format!("{pad}{short} = {}\n", expression(child, depth)));
        }
    }
}

/// An argument's value: strings quoted for HCL, maps as objects with quoted keys.
fn expression(value: &Value, depth: usize) -> String {
    let pad = "  ".repeat(depth + 1);
    let close = "  ".repeat(depth);
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => hcl_string(s),
        Value::Array(items) => {
            format!("[{}]", items.iter().map(|v| expression(v, depth + 1)).collect::<Vec<_>>().join(", "))
        }
        Value::Object(members) if members.is_empty() => "{}".into(),
        Value::Object(members) => {
            let inner: Vec<String> =
                members.iter().map(|(k, v)| format!("{pad}{} = {}", hcl_string(k), expression(v, depth + 1))).collect();
            format!("{{\n{}\n{close}}}", inner.join("\n"))
        }
    }
}
