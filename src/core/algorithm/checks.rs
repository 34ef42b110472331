//! The checks of behaviour §10: what the training image needs, which the API model cannot say. Each
//! has a stable code and severity; none may fire on a request that is right, so where the
//! catalogue does not know, they say nothing.

use serde_json::{Map, Value};

use super::accepts::{Accepts, HyperparameterKind, InstanceRule, ValueProblem};
use super::image::{EcrImage, Processor};
use super::{Catalogue, Image, ImageKind};
use crate::core::path::{child, item};
use crate::core::problem::Problem;
use crate::core::regions;
use crate::core::unicode::isolate;

const TRAINING_IMAGE: &str = "AlgorithmSpecification.TrainingImage";

/// The algorithm findings for `body`, with body paths. `region` is where the job is submitted
/// (the browser's Submit region, `tjs --region`); without one, the image's own region is taken
/// as meant.
pub fn check(body: &Value, catalogue: &Catalogue, region: Option<&str>) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(uri) = body.pointer("/AlgorithmSpecification/TrainingImage").and_then(Value::as_str) else {
        return out;
    };
    if uri.trim().is_empty() {
        return out;
    }
    let Some(image) = EcrImage::parse(uri) else {
        bare_name(uri, catalogue, region, &mut out);
        return out;
    };
    // A wrong region is an error of its own; what the image needs is still worth knowing.
    region_matches(&image, region, &mut out);
    let Some(known) = catalogue.image_of_repository(image.repository) else { return out };
    registry(&image, known, catalogue, &mut out);
    version(&image, known, &mut out);
    let hyperparameters = body.get("HyperParameters").and_then(Value::as_object);
    let script = hyperparameters.is_some_and(|h| h.contains_key("sagemaker_program"))
        || body.pointer("/Environment/SAGEMAKER_PROGRAM").is_some()
        || body.pointer("/AlgorithmSpecification/ContainerEntrypoint").is_some_and(|v| !v.is_null());
    match known.kind {
        ImageKind::Framework => {
            processor(&image, body, catalogue, &mut out);
            if !script {
                out.push(Problem::warning(
                    TRAINING_IMAGE,
                    "algorithm.entry-point",
                    format!(
                        "The {} container runs your script, but nothing names it: add the hyperparameter \
                         sagemaker_program (your script's file name) with sagemaker_submit_directory, or set a \
                         ContainerEntrypoint.",
                        known.key
                    ),
                ));
            }
        }
        // A built-in image given a script runs it (XGBoost's script mode): the algorithm's own
        // tables no longer apply.
        ImageKind::BuiltIn if script => {}
        ImageKind::BuiltIn => {
            if let Some(accepts) = catalogue.accepts(&known.key) {
                let profile = image.tag.and_then(|t| accepts.profile_of(t));
                built_in(body, accepts, profile, catalogue, hyperparameters, &mut out);
            }
        }
    }
    out
}

/// A TrainingImage that is not a registry URI: SageMaker pulls only from a registry.
fn bare_name(uri: &str, catalogue: &Catalogue, region: Option<&str>, out: &mut Vec<Problem>) {
    if uri.contains('/') {
        return; // Another registry: not ours to judge.
    }
    let name = uri.split(':').next().unwrap_or(uri).trim();
    let hint = match catalogue.image(name) {
        Some(image) => {
            let latest = image.versions.last().map(|v| v.key.as_str()).unwrap_or_default();
            let example = catalogue.image_uri(name, latest, region.unwrap_or("us-east-1"), None, None);
            format!(
                " Pick {name} in the image picker to get its URI{}.",
                example.map(|e| format!(", such as {e}")).unwrap_or_default()
            )
        }
        None => " Give the full URI: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>.".into(),
    };
    out.push(Problem::warning(
        TRAINING_IMAGE,
        "algorithm.registry",
        format!(
            "\"{}\" is not an image URI: SageMaker pulls training images from a registry such as Amazon ECR.{hint}",
            isolate(uri)
        ),
    ));
}

/// The image's registry must be in the job's region and in its partition's domain.
fn region_matches(image: &EcrImage, region: Option<&str>, out: &mut Vec<Problem>) {
    let domain = regions::domain(image.region);
    if image.domain != domain {
        out.push(Problem::error(
            TRAINING_IMAGE,
            "algorithm.region",
            format!(
                "Registries in {} end in {domain}, not {}: the service refuses this image (Invalid DNS suffix). \
                 Write ...dkr.ecr.{}.{domain}/...",
                image.region,
                isolate(image.domain),
                image.region
            ),
        ));
        return;
    }
    match region {
        Some(region) if region != image.region => {
            out.push(Problem::error(
                TRAINING_IMAGE,
                "algorithm.region",
                format!(
                    "This image is in {}, but the job is submitted to {region}: SageMaker does not pull images \
                     across regions. Use the image's copy in {region} (the picker writes it), or submit to {}.",
                    image.region, image.region
                ),
            ));
        }
        _ => {}
    }
}

fn registry(image: &EcrImage, known: &Image, catalogue: &Catalogue, out: &mut Vec<Problem>) {
    let accounts = catalogue.accounts(image.repository, image.region);
    if accounts.contains(&image.account) {
        return;
    }
    let message = if accounts.is_empty() {
        format!("The catalogue lists no {} image ({}) in {}.", known.key, image.repository, image.region)
    } else {
        format!(
            "Account {} does not host {} in {}: the {} image there is in account {}.",
            image.account,
            image.repository,
            image.region,
            known.key,
            accounts.join(" or ")
        )
    };
    out.push(Problem::warning(TRAINING_IMAGE, "algorithm.registry", message));
}

fn version(image: &EcrImage, known: &Image, out: &mut Vec<Problem>) {
    let Some(tag) = image.tag else { return };
    let mut prefixes = known
        .versions
        .iter()
        .filter(|v| v.repository == image.repository)
        .map(|v| v.tag.as_str())
        .chain(known.aliases.keys().map(String::as_str));
    // What follows the version (`-cpu-py3`, `-gpu-py310-cu121-ubuntu20.04`) varies by build.
    let listed = prefixes.any(|p| tag == p || tag.strip_prefix(p).is_some_and(|rest| rest.starts_with('-')));
    if !listed {
        let mut versions: Vec<&str> =
            known.versions.iter().filter(|v| v.repository == image.repository).map(|v| v.key.as_str()).collect();
        versions.dedup();
        let shown = versions.iter().rev().take(6).copied().collect::<Vec<_>>().join(", ");
        out.push(Problem::warning(
            TRAINING_IMAGE,
            "algorithm.version",
            format!(
                "The catalogue lists no version \"{}\" of {} ({}); recent ones are {shown}.",
                isolate(tag),
                known.key,
                image.repository
            ),
        ));
    }
}

/// The text at the problem path `single`, then the `member` of each item of the list at `list`,
/// each with its problem path: a job's instance types (ResourceConfig's, or each group's), its
/// input modes (the algorithm's, then each channel's).
fn texts_at<'a>(body: &'a Value, single: &str, list: &str, member: &str) -> Vec<(String, &'a str)> {
    let pointer = |path: &str| format!("/{}", path.replace('.', "/"));
    let mut found: Vec<(String, &str)> =
        body.pointer(&pointer(single)).and_then(Value::as_str).map(|t| (single.to_string(), t)).into_iter().collect();
    for (i, listed) in body.pointer(&pointer(list)).and_then(Value::as_array).into_iter().flatten().enumerate() {
        if let Some(t) = listed.get(member).and_then(Value::as_str) {
            found.push((child(&item(list, i), member), t));
        }
    }
    found
}

fn instance_types(body: &Value) -> Vec<(String, &str)> {
    texts_at(body, "ResourceConfig.InstanceType", "ResourceConfig.InstanceGroups", "InstanceType")
}

/// A framework image built for GPUs on an instance without, or the other way round.
fn processor(image: &EcrImage, body: &Value, catalogue: &Catalogue, out: &mut Vec<Problem>) {
    let Some(wanted) = image.processor() else { return };
    let types: Vec<_> = instance_types(body)
        .into_iter()
        .filter_map(|(path, t)| catalogue.processor_of(t).map(|has| (path, t, has)))
        .collect();
    // A heterogeneous cluster mixes CPU and GPU groups on purpose, with one image for both.
    if types.iter().any(|(_, _, has)| *has != types[0].2) {
        return;
    }
    for (path, instance_type, has) in types {
        if has == Processor::Neuron || has == wanted {
            continue;
        }
        let (tag_part, other) = match wanted {
            Processor::Gpu => ("gpu", "cpu"),
            _ => ("cpu", "gpu"),
        };
        out.push(Problem::warning(
            path,
            "algorithm.processor",
            format!(
                "The image is built for {} (its tag says {tag_part}) but {} is a {} instance: \
                 use the {other} image or a {} instance.",
                wanted.describe(),
                isolate(instance_type),
                has.describe(),
                wanted.describe()
            ),
        ));
    }
}

fn built_in(
    body: &Value,
    accepts: &Accepts,
    profile: Option<&str>,
    catalogue: &Catalogue,
    hyperparameters: Option<&Map<String, Value>>,
    out: &mut Vec<Problem>,
) {
    check_hyperparameters(accepts, profile, hyperparameters, out);
    match accepts.instances_for(profile) {
        InstanceRule::Any => {}
        rule => {
            let needed = if rule == InstanceRule::GpuOnly { Processor::Gpu } else { Processor::Cpu };
            for (path, instance_type) in instance_types(body) {
                let Some(has) = catalogue.processor_of(instance_type) else { continue };
                if has != needed {
                    out.push(Problem::error(
                        path,
                        "algorithm.instance-type",
                        format!(
                            "{} trains only on {} instances; {} is {}. Choose a {} instance type{}.",
                            accepts.name,
                            needed.describe(),
                            isolate(instance_type),
                            has.describe(),
                            needed.describe(),
                            if needed == Processor::Gpu {
                                " such as ml.p3.2xlarge or ml.g5.xlarge"
                            } else {
                                " such as ml.m5.xlarge"
                            }
                        ),
                    ));
                }
            }
        }
    }
    channels(body, accepts, profile, out);
    input_modes(body, accepts, profile, out);
}

fn check_hyperparameters(
    accepts: &Accepts,
    profile: Option<&str>,
    given: Option<&Map<String, Value>>,
    out: &mut Vec<Problem>,
) {
    let empty = Map::new();
    let given = given.unwrap_or(&empty);
    let value_of = |name: &str| given.get(name).and_then(Value::as_str);
    for h in accepts.hyperparameters_for(profile) {
        let needed = h.required
            || h.required_when.as_ref().is_some_and(|when| {
                when.iter().any(|(other, values)| {
                    value_of(other).is_some_and(|v| values.iter().any(|w| w.eq_ignore_ascii_case(v.trim())))
                })
            });
        if needed && !given.contains_key(&h.name) {
            let why = if h.help.is_empty() {
                String::new()
            } else {
                format!(" ({})", h.help.trim_end_matches('.').to_lowercase())
            };
            out.push(
                Problem::error(
                    "HyperParameters",
                    "algorithm.hyperparameter-required",
                    format!("{} needs {}{why}, {}.", accepts.name, h.name, h.expectation()),
                )
                .with_missing_key(&h.name),
            );
        }
    }
    for (i, (name, value)) in given.iter().enumerate() {
        let path = item("HyperParameters", i);
        let Some(value) = value.as_str() else { continue };
        match accepts.hyperparameters_for(profile).find(|h| h.name == *name) {
            Some(h) => {
                let (code, what) = match h.judge(value) {
                    None => continue,
                    Some(ValueProblem::Type(what)) => ("algorithm.hyperparameter-type", what),
                    Some(ValueProblem::Range(what)) => ("algorithm.hyperparameter-range", what),
                    Some(ValueProblem::Value(what)) => ("algorithm.hyperparameter-value", what),
                };
                let expected = match h.kind {
                    HyperparameterKind::Categorical => String::new(),
                    _ => format!(": {} needs {}", name, h.expectation()),
                };
                out.push(Problem::error(child(&path, "value"), code, format!("{what}{expected}.")));
            }
            None if name.starts_with("sagemaker_") || name.starts_with('_') => {}
            None => {
                let known: Vec<&str> = accepts.hyperparameters_for(profile).map(|h| h.name.as_str()).collect();
                let hint = match nearest(name, &known) {
                    Some(near) => format!(" Did you mean {near}?"),
                    None => String::new(),
                };
                out.push(Problem::warning(
                    child(&path, "key"),
                    "algorithm.hyperparameter-unknown",
                    format!("{} does not know the hyperparameter \"{}\".{hint}", accepts.name, isolate(name)),
                ));
            }
        }
    }
}

fn channels(body: &Value, accepts: &Accepts, profile: Option<&str>, out: &mut Vec<Problem>) {
    let read = &accepts.channels_for(profile).names;
    let given: Vec<(usize, &str)> = body
        .get("InputDataConfig")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.get("ChannelName").and_then(Value::as_str).map(|n| (i, n)))
                .collect()
        })
        .unwrap_or_default();
    if !read.is_empty() {
        for (i, name) in &given {
            if !read.iter().any(|r| r == name) {
                let hint = nearest(name, &read.iter().map(String::as_str).collect::<Vec<_>>())
                    .map(|n| format!(" Did you mean {n}?"))
                    .unwrap_or_default();
                out.push(Problem::warning(
                    child(&item("InputDataConfig", *i), "ChannelName"),
                    "algorithm.channel",
                    format!(
                        "{} does not read a channel named \"{}\"; it reads {}.{hint}",
                        accepts.name,
                        isolate(name),
                        read.join(", ")
                    ),
                ));
            }
        }
    }
    for required in &accepts.channels_for(profile).required {
        if !given.iter().any(|(_, n)| n == required) {
            out.push(Problem::warning(
                "InputDataConfig",
                "algorithm.channel",
                format!("{} needs a channel named \"{required}\": add one.", accepts.name),
            ));
        }
    }
}

fn input_modes(body: &Value, accepts: &Accepts, profile: Option<&str>, out: &mut Vec<Problem>) {
    let accepted = accepts.input_modes_for(profile);
    if accepted.is_empty() {
        return;
    }
    let modes = texts_at(body, "AlgorithmSpecification.TrainingInputMode", "InputDataConfig", "InputMode");
    for (path, mode) in modes {
        // Only the modes the API knows: an unknown one is the enum check's to report.
        let known_mode = matches!(mode, "File" | "Pipe" | "FastFile");
        if known_mode && !accepted.iter().any(|m| m == mode) {
            out.push(Problem::error(
                path,
                "algorithm.input-mode",
                format!("{} does not read input in {mode} mode: use {}.", accepts.name, accepted.join(" or ")),
            ));
        }
    }
}

/// The known name closest to `name`, if it is close enough to be a likely slip.
pub fn nearest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    known
        .iter()
        .map(|k| {
            let k_lower = k.to_ascii_lowercase();
            // A shortened name (`valid` for `validation`) is as likely a slip as a typo.
            let shortened = lower.len() >= 4 && k_lower.starts_with(&lower);
            (if shortened { 1 } else { edit_distance(&lower, &k_lower) }, *k)
        })
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names() {
        assert_eq!(nearest("num_rounds", &["num_round", "eta"]), Some("num_round"));
        assert_eq!(nearest("NUM_ROUND", &["num_round"]), Some("num_round"));
        assert_eq!(nearest("learning_rate", &["num_round", "eta"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
