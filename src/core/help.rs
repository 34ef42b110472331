//! Our own help text for each member, by path without list positions (`data/help.json`), and the
//! labels made from member names. One or two sentences each; the constraints shown beside them
//! come from the catalogue. The browser fetches the help file once the form is up, so that the
//! prose stays out of the first load; native builds embed it.

use serde_json::Value;

/// The help file, as the browser fetches it.
pub const HELP_FILE: &str = "data/help.json";

/// Help for `path` (`InputDataConfig.ChannelName`) in a help file's contents, or "".
pub fn help_in<'a>(file: &'a Value, path: &str) -> &'a str {
    file.get("help").and_then(|h| h.get(path)).and_then(Value::as_str).unwrap_or("")
}

/// Help for `path` from the embedded help file (native builds).
#[cfg(not(target_arch = "wasm32"))]
pub fn help(path: &str) -> &'static str {
    static FILE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    help_in(FILE.get_or_init(|| serde_json::from_str(include_str!("data/help.json")).expect("help.json is JSON")), path)
}

/// `MaxRuntimeInSeconds` -> `Max runtime in seconds`; `VolumeSizeInGB` -> `Volume size in GB`.
pub fn label(name: &str) -> String {
    // One word, not "Sage maker" or "Hyper parameters".
    let name = name.replace("SageMaker", "Sagemaker").replace("HyperParameters", "Hyperparameters");
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let starts_word = i > 0
            && c.is_ascii_uppercase()
            && (chars[i - 1].is_ascii_lowercase() || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
        if i == 0 || starts_word {
            words.push(String::new());
        }
        words.last_mut().unwrap().push(*c);
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            // Initialisms people write in capitals.
            const CAPITALS: &[(&str, &str)] = &[
                ("Arn", "ARN"),
                ("Arns", "ARNs"),
                ("Id", "ID"),
                ("Ids", "IDs"),
                ("Kms", "KMS"),
                ("Uri", "URI"),
                ("Vpc", "VPC"),
                ("Eula", "EULA"),
                ("Mlflow", "MLflow"),
                ("Peft", "PEFT"),
                ("Sagemaker", "SageMaker"),
            ];
            if let Some((_, capitals)) = CAPITALS.iter().find(|(word, _)| word == w) {
                return capitals.to_string();
            }
            let acronym = w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if i == 0 || acronym {
                w.clone()
            } else {
                w.to_ascii_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every member reachable from the request, as an index-free path.
    fn member_paths(id: crate::core::catalogue::ShapeId, path: &str, out: &mut Vec<String>) {
        use crate::core::catalogue::{shape, Kind};
        for m in shape(id).members() {
            let p = crate::core::path::child(path, m.name);
            out.push(p.clone());
            match shape(m.shape).kind {
                Kind::List(item) => member_paths(item, &p, out),
                _ => member_paths(m.shape, &p, out),
            }
        }
    }

    #[test]
    fn every_member_has_help() {
        let mut paths = Vec::new();
        member_paths(crate::core::catalogue::ROOT, "", &mut paths);
        let missing: Vec<_> = paths.iter().filter(|p| help(p).is_empty()).collect();
        assert!(missing.is_empty(), "write help for {missing:?}");
        let file: Value = serde_json::from_str(include_str!("data/help.json")).unwrap();
        assert_eq!(file["help"].as_object().unwrap().len(), paths.len(), "help for a member that no longer exists");
    }

    #[test]
    fn labels_read_as_words() {
        assert_eq!(label("MaxRuntimeInSeconds"), "Max runtime in seconds");
        assert_eq!(label("HyperParameters"), "Hyperparameters");
        assert_eq!(label("VolumeSizeInGB"), "Volume size in GB");
        assert_eq!(label("S3Uri"), "S3 URI");
        assert_eq!(label("KmsKeyId"), "KMS key ID");
        assert_eq!(label("SecurityGroupIds"), "Security group IDs");
        assert_eq!(label("MlflowResourceArn"), "MLflow resource ARN");
        assert_eq!(label("EnableSageMakerMetricsTimeSeries"), "Enable SageMaker metrics time series");
    }

    #[test]
    fn looks_up_by_path() {
        assert_eq!(help("ResourceConfig.InstanceType"), "The ML instance type to train on.");
        assert_eq!(help("Nope"), "");
    }
}
