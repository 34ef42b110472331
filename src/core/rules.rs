//! Rules that connect fields (behaviour §3): documented service behaviour that no single member's
//! constraints express. Each rule has a stable code, a severity and a message that says what to
//! change; it reads the body, so the browser and `tjs` apply the same rules.

use serde_json::Value;

use super::catalogue::{self, Kind, ShapeId};
use super::path::{child, item};
use super::problem::Problem;
use super::unicode::isolate;

/// SageMaker's documented limit for MaxRuntimeInSeconds: 28 days.
pub const MAX_RUNTIME_LIMIT: i64 = 2_419_200;
/// The profiling intervals the service accepts.
pub const PROFILING_INTERVALS: [i64; 6] = [100, 200, 500, 1000, 5000, 60000];

/// Every rule's problems for `body`.
pub fn check(body: &Value, out: &mut Vec<Problem>) {
    let Some(object) = body.as_object() else { return };
    across_members(body, out);
    for member in catalogue::shape(catalogue::ROOT).members() {
        if let Some(value) = object.get(member.name) {
            within_member(member.name, value, out);
        }
    }
}

/// The rules that connect members; they run on every change.
pub fn across_members(body: &Value, out: &mut Vec<Problem>) {
    let Some(_) = body.as_object() else { return };
    algorithm_source(body, out);
    required_unless_serverless(body, out);
    data_source(body, out);
    unique_names(body, out);
    spot_and_stopping(body, out);
    instance_groups(body, out);
    file_system_needs_vpc(body, out);
    warm_pool(body, out);
    metric_definitions_builtin(body, out);
    profiling_interval(body, out);
    reserved_tag_prefix(body, out);
    input_mode_compat(body, out);
    checkpoint_with_spot(body, out);
}

/// The rules that look inside one top-level member only, so that an unchanged member's
/// findings can be kept.
pub fn within_member(name: &str, value: &Value, out: &mut Vec<Problem>) {
    if matches!(name, "HyperParameters" | "Environment") {
        secret_in_plain_field(name, value, out);
    }
    if let Some(member) = catalogue::shape(catalogue::ROOT).member(name) {
        s3_uri_shape(value, member.shape, name, out);
    }
}

fn error(path: impl Into<String>, code: &'static str, message: impl Into<String>) -> Problem {
    Problem::error(path, code, message)
}

fn warning(path: impl Into<String>, code: &'static str, message: impl Into<String>) -> Problem {
    Problem::warning(path, code, message)
}

/// Set means present and not null: rules judge what would be sent.
fn is_set(v: Option<&Value>) -> bool {
    v.is_some_and(|v| !v.is_null())
}

fn items(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn serverless(body: &Value) -> bool {
    is_set(body.get("ServerlessJobConfig"))
}

fn spot(body: &Value) -> bool {
    body.get("EnableManagedSpotTraining") == Some(&Value::Bool(true))
}

/// Members of which the service takes exactly one: (the structure's shape, its alternatives).
/// The form shows each as a choice; the rules below check them.
pub const ONE_OF: &[(&str, &[&str])] = &[
    ("DataSource", &["S3DataSource", "FileSystemDataSource", "DatasetSource"]),
    ("AlgorithmSpecification", &["TrainingImage", "AlgorithmName"]),
];

/// The alternatives of the one-of choice in the structure shape `name` (empty if it has none).
pub fn alternatives(name: &str) -> &'static [&'static str] {
    ONE_OF.iter().find(|(shape, _)| *shape == name).map_or(&[], |(_, members)| members)
}

fn algorithm_source(body: &Value, out: &mut Vec<Problem>) {
    let Some(spec) = body.get("AlgorithmSpecification").filter(|v| v.is_object()) else {
        return;
    };
    let [image, algorithm] = alternatives("AlgorithmSpecification") else { return };
    match (is_set(spec.get(*image)), is_set(spec.get(*algorithm))) {
        (true, true) => out.push(error(
            "AlgorithmSpecification.AlgorithmName",
            "rule.algorithm-source",
            "Set either a training image or an algorithm name, not both: remove one of them.",
        )),
        (false, false) => out.push(error(
            "AlgorithmSpecification.TrainingImage",
            "rule.algorithm-source",
            "Set a training image (your container) or an algorithm name (a marketplace or your own algorithm resource).",
        )),
        _ => {}
    }
}

fn required_unless_serverless(body: &Value, out: &mut Vec<Problem>) {
    if serverless(body) {
        return;
    }
    for member in ["AlgorithmSpecification", "ResourceConfig", "StoppingCondition"] {
        if !is_set(body.get(member)) {
            out.push(
                error(member, "rule.required-unless-serverless", format!("Required for a training job that is not serverless: set {member}, or configure ServerlessJobConfig."))
                    .with_detail("Member must not be null"),
            );
        }
    }
}

fn data_source(body: &Value, out: &mut Vec<Problem>) {
    for (i, channel) in items(body.get("InputDataConfig")).iter().enumerate() {
        let Some(source) = channel.get("DataSource").filter(|v| v.is_object()) else {
            continue;
        };
        let set = alternatives("DataSource").iter().filter(|k| is_set(source.get(**k))).count();
        if set != 1 {
            let what = if set == 0 { "Choose a data source" } else { "Choose only one data source" };
            out.push(error(
                child(&item("InputDataConfig", i), "DataSource"),
                "rule.data-source",
                format!("{what}: S3, a file system (FSx for Lustre or EFS), or a dataset."),
            ));
        }
    }
}

/// Flags each repeat of a name after its first use.
fn flag_duplicates<'a>(names: impl Iterator<Item = (String, Option<&'a str>)>, what: &str, out: &mut Vec<Problem>) {
    let mut seen: Vec<&str> = Vec::new();
    for (path, name) in names {
        let Some(name) = name else { continue };
        if seen.contains(&name) {
            out.push(error(
                path,
                "rule.unique-names",
                format!("{what} \"{}\" is used more than once; names must be unique.", isolate(name)),
            ));
        } else {
            seen.push(name);
        }
    }
}

fn named<'a>(list: Option<&'a Value>, prefix: &str, member: &str) -> Vec<(String, Option<&'a str>)> {
    items(list)
        .iter()
        .enumerate()
        .map(|(i, v)| (child(&item(prefix, i), member), v.get(member).and_then(Value::as_str)))
        .collect()
}

fn unique_names(body: &Value, out: &mut Vec<Problem>) {
    flag_duplicates(
        named(body.get("InputDataConfig"), "InputDataConfig", "ChannelName").into_iter(),
        "Channel name",
        out,
    );
    let groups = body.get("ResourceConfig").and_then(|r| r.get("InstanceGroups"));
    flag_duplicates(
        named(groups, "ResourceConfig.InstanceGroups", "InstanceGroupName").into_iter(),
        "Instance group name",
        out,
    );
    let metrics = body.get("AlgorithmSpecification").and_then(|a| a.get("MetricDefinitions"));
    flag_duplicates(named(metrics, "AlgorithmSpecification.MetricDefinitions", "Name").into_iter(), "Metric name", out);
    for list in ["DebugRuleConfigurations", "ProfilerRuleConfigurations"] {
        flag_duplicates(
            named(body.get(list), list, "RuleConfigurationName").into_iter(),
            "Rule configuration name",
            out,
        );
    }
    flag_duplicates(named(body.get("Tags"), "Tags", "Key").into_iter(), "Tag key", out);
}

fn spot_and_stopping(body: &Value, out: &mut Vec<Problem>) {
    let stopping = body.get("StoppingCondition");
    let number = |k: &str| stopping.and_then(|s| s.get(k)).and_then(Value::as_i64);
    let max_wait = stopping.and_then(|s| s.get("MaxWaitTimeInSeconds")).filter(|v| !v.is_null());
    const WAIT: &str = "StoppingCondition.MaxWaitTimeInSeconds";
    match (spot(body), max_wait.is_some()) {
        (true, false) => out.push(error(
            WAIT,
            "rule.spot-max-wait",
            "Managed spot training needs a maximum wait time: how long to wait for spot capacity plus the runtime.",
        )),
        (false, true) => out.push(error(
            WAIT,
            "rule.spot-max-wait",
            "A maximum wait time is only allowed with managed spot training: turn spot training on, or clear this field.",
        )),
        _ => {}
    }
    if let (Some(wait), Some(runtime)) = (number("MaxWaitTimeInSeconds"), number("MaxRuntimeInSeconds")) {
        if wait < runtime {
            out.push(error(
                WAIT,
                "rule.max-wait-ge-runtime",
                format!("Must be at least the maximum runtime ({runtime} s); this is {wait} s."),
            ));
        }
    }
    if let Some(runtime) = number("MaxRuntimeInSeconds").filter(|r| *r > MAX_RUNTIME_LIMIT) {
        out.push(error(
            "StoppingCondition.MaxRuntimeInSeconds",
            "rule.max-runtime-limit",
            format!("At most {MAX_RUNTIME_LIMIT} seconds (28 days); this is {runtime}."),
        ));
    }
}

fn instance_groups(body: &Value, out: &mut Vec<Problem>) {
    let Some(resources) = body.get("ResourceConfig").filter(|v| v.is_object()) else {
        return;
    };
    let groups = resources.get("InstanceGroups").filter(|v| !v.is_null());
    if groups.is_some() {
        for member in ["InstanceType", "InstanceCount"] {
            if is_set(resources.get(member)) {
                out.push(error(
                    format!("ResourceConfig.{member}"),
                    "rule.instance-groups-exclusive",
                    format!(
                        "With instance groups, set the instance type and count in each group: clear {member} here."
                    ),
                ));
            }
        }
    } else if !serverless(body) {
        for member in ["InstanceType", "InstanceCount"] {
            if !is_set(resources.get(member)) {
                out.push(error(
                    format!("ResourceConfig.{member}"),
                    "rule.instance-groups-exclusive",
                    format!("Set {member}, or define instance groups instead."),
                ));
            }
        }
    }

    // Channels that name instance groups: all or none, and only groups that exist.
    let group_names: Vec<&str> =
        items(groups).iter().filter_map(|g| g.get("InstanceGroupName").and_then(Value::as_str)).collect();
    let channels = items(body.get("InputDataConfig"));
    let names_of =
        |c: &Value| c.pointer("/DataSource/S3DataSource/InstanceGroupNames").filter(|v| !v.is_null()).cloned();
    if !channels.iter().any(|c| names_of(c).is_some()) {
        return;
    }
    for (i, channel) in channels.iter().enumerate() {
        let path = child(&item("InputDataConfig", i), "DataSource.S3DataSource.InstanceGroupNames");
        match names_of(channel) {
            None => out.push(error(
                path,
                "rule.instance-group-names",
                "Another channel names instance groups, so every channel must: list the groups that read this channel.",
            )),
            Some(names) => {
                for (j, name) in items(Some(&names)).iter().enumerate() {
                    let Some(name) = name.as_str() else { continue };
                    if !group_names.contains(&name) {
                        out.push(error(
                            item(&path, j),
                            "rule.instance-group-names",
                            format!(
                                "No instance group is named \"{}\" in ResourceConfig.InstanceGroups.",
                                isolate(name)
                            ),
                        ));
                    }
                }
            }
        }
    }
}

fn file_system_needs_vpc(body: &Value, out: &mut Vec<Problem>) {
    if is_set(body.get("VpcConfig")) {
        return;
    }
    for (i, channel) in items(body.get("InputDataConfig")).iter().enumerate() {
        if is_set(channel.pointer("/DataSource/FileSystemDataSource")) {
            out.push(error(
                child(&item("InputDataConfig", i), "DataSource.FileSystemDataSource"),
                "rule.file-system-needs-vpc",
                "A file system data source is reached through your VPC: set VpcConfig (subnets and security groups).",
            ));
        }
    }
}

fn warm_pool(body: &Value, out: &mut Vec<Problem>) {
    let Some(resources) = body.get("ResourceConfig") else {
        return;
    };
    if !is_set(resources.get("KeepAlivePeriodInSeconds")) {
        return;
    }
    let why = if spot(body) {
        Some("managed spot training")
    } else if is_set(resources.get("InstanceGroups")) {
        Some("instance groups")
    } else {
        None
    };
    if let Some(why) = why {
        out.push(error(
            "ResourceConfig.KeepAlivePeriodInSeconds",
            "rule.warm-pool",
            format!("Warm pools (a keep-alive period) cannot be used with {why}: clear this field."),
        ));
    }
}

fn metric_definitions_builtin(body: &Value, out: &mut Vec<Problem>) {
    let Some(spec) = body.get("AlgorithmSpecification") else {
        return;
    };
    if is_set(spec.get("AlgorithmName")) && is_set(spec.get("MetricDefinitions")) {
        out.push(error(
            "AlgorithmSpecification.MetricDefinitions",
            "rule.metric-definitions-builtin",
            "An algorithm resource defines its own metrics: remove these metric definitions.",
        ));
    }
}

fn profiling_interval(body: &Value, out: &mut Vec<Problem>) {
    let interval = body.pointer("/ProfilerConfig/ProfilingIntervalInMilliseconds").and_then(Value::as_i64);
    if let Some(ms) = interval.filter(|ms| !PROFILING_INTERVALS.contains(ms)) {
        let allowed: Vec<String> = PROFILING_INTERVALS.iter().map(i64::to_string).collect();
        out.push(error(
            "ProfilerConfig.ProfilingIntervalInMilliseconds",
            "rule.profiling-interval",
            format!("Must be one of {} milliseconds (this is {ms}).", allowed.join(", ")),
        ));
    }
}

fn reserved_tag_prefix(body: &Value, out: &mut Vec<Problem>) {
    for (i, tag) in items(body.get("Tags")).iter().enumerate() {
        if tag.get("Key").and_then(Value::as_str).is_some_and(|k| k.to_ascii_lowercase().starts_with("aws:")) {
            out.push(error(
                child(&item("Tags", i), "Key"),
                "rule.reserved-tag-prefix",
                "Tag keys starting with aws: are reserved for AWS: choose another key.",
            ));
        }
    }
}

fn input_mode_compat(body: &Value, out: &mut Vec<Problem>) {
    let job_mode = body.pointer("/AlgorithmSpecification/TrainingInputMode").and_then(Value::as_str);
    for (i, channel) in items(body.get("InputDataConfig")).iter().enumerate() {
        let mode = channel.get("InputMode").and_then(Value::as_str).or(job_mode);
        let s3 = channel.pointer("/DataSource/S3DataSource");
        let data_type = s3.and_then(|s| s.get("S3DataType")).and_then(Value::as_str);
        let path = item("InputDataConfig", i);
        let mode_path = if is_set(channel.get("InputMode")) { child(&path, "InputMode") } else { path.clone() };
        if mode == Some("FastFile") && data_type.is_some_and(|t| t != "S3Prefix") {
            out.push(warning(
                mode_path.clone(),
                "rule.input-mode-compat",
                "FastFile mode works only with the S3Prefix data type; use File or Pipe mode.",
            ));
        }
        if data_type == Some("AugmentedManifestFile") {
            if !is_set(s3.and_then(|s| s.get("AttributeNames"))) {
                out.push(warning(
                    child(&path, "DataSource.S3DataSource.AttributeNames"),
                    "rule.input-mode-compat",
                    "An augmented manifest needs attribute names: list the manifest attributes to pass to the container.",
                ));
            }
            if mode != Some("Pipe") {
                out.push(warning(
                    mode_path.clone(),
                    "rule.input-mode-compat",
                    "An augmented manifest is read in Pipe mode: set the input mode to Pipe.",
                ));
            }
        }
        if channel.get("CompressionType").and_then(Value::as_str) == Some("Gzip") && mode != Some("Pipe") {
            out.push(warning(
                child(&path, "CompressionType"),
                "rule.input-mode-compat",
                "Gzip compression works only in Pipe mode: set the input mode to Pipe, or use None.",
            ));
        }
    }
}

fn checkpoint_with_spot(body: &Value, out: &mut Vec<Problem>) {
    if spot(body) && !is_set(body.get("CheckpointConfig")) {
        out.push(warning(
            "EnableManagedSpotTraining",
            "rule.checkpoint-with-spot",
            "Spot instances can be interrupted: without a checkpoint configuration the job restarts from the beginning.",
        ));
    }
}

/// AKIA.../ASIA... key ids, and 40-character secret keys.
pub fn looks_like_secret(value: &str) -> bool {
    let v = value.trim();
    let key_id = v.len() == 20
        && (v.starts_with("AKIA") || v.starts_with("ASIA"))
        && v.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let secret = v.len() == 40
        && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '+')
        && v.chars().any(|c| c.is_ascii_lowercase())
        && v.chars().any(|c| c.is_ascii_uppercase())
        && v.chars().any(|c| c.is_ascii_digit() || c == '/' || c == '+');
    key_id || secret
}

fn secret_in_plain_field(map: &str, entries: &Value, out: &mut Vec<Problem>) {
    let Some(entries) = entries.as_object() else { return };
    for (i, (_, value)) in entries.iter().enumerate() {
        if value.as_str().is_some_and(looks_like_secret) {
            out.push(warning(
                child(&item(map, i), "value"),
                "rule.secret-in-plain-field",
                "This looks like an AWS access key. Values here are visible to anyone who can describe the job: use an IAM role or a secrets store instead.",
            ));
        }
    }
}

fn s3_uri_shape(value: &Value, id: ShapeId, path: &str, out: &mut Vec<Problem>) {
    let shape = catalogue::shape(id);
    match (&shape.kind, value) {
        (Kind::String, Value::String(s)) if shape.name == "S3Uri" => {
            if let Some(message) = s3_uri_problem(s) {
                out.push(warning(path, "rule.s3-uri-shape", message));
            }
        }
        (Kind::Structure(members), Value::Object(object)) => {
            for m in members.iter() {
                if let Some(v) = object.get(m.name) {
                    s3_uri_shape(v, m.shape, &child(path, m.name), out);
                }
            }
        }
        (Kind::List(item_shape), Value::Array(values)) => {
            for (i, v) in values.iter().enumerate() {
                s3_uri_shape(v, *item_shape, &item(path, i), out);
            }
        }
        _ => {}
    }
}

/// What is wrong with an `s3://` URI, if anything (https URLs are left to the pattern).
pub fn s3_uri_problem(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("s3://")?;
    if rest.starts_with("s3://") || rest.starts_with("s3:/") || rest.starts_with("https://") {
        return Some("The scheme appears twice: write s3://bucket/key once.".into());
    }
    let bucket = rest.split('/').next().unwrap_or_default();
    let valid = (3..=63).contains(&bucket.len())
        && bucket.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
        && bucket.ends_with(|c: char| c.is_ascii_alphanumeric())
        && !bucket.contains("..")
        && !bucket.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
    (!valid).then(|| {
        format!("\"{}\" is not a valid bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.", isolate(bucket))
    })
}
