//! The SageMaker Python SDK v2 (`sagemaker` 2.x; the 3.x package has no `Estimator`): an
//! `Estimator(...)` and its `fit(...)`, which send the form's request. The SDK adds members of its
//! own; the export turns off what can be turned off (`debugger_hook_config=False`,
//! `disable_profiler=True`) and lists the rest, and it names every member the SDK has no argument
//! for, offering the boto3 export instead.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::python;
use super::quote::double_quoted;
use super::Written;
use crate::core::path;

/// The script, and what the SDK does differently from the request.
pub fn estimator(body: &Value, region: &str) -> Written {
    let empty = Map::new();
    let request = body.as_object().unwrap_or(&empty);
    let mut sdk = Script::default();
    sdk.estimator_arguments(request);
    let fit = sdk.fit_arguments(request);
    let mut text =
        String::from("# Starts the training job with the SageMaker Python SDK v2: pip install \"sagemaker>=2,<3\".\n");
    if !sdk.missing.is_empty() {
        text.push_str(&format!(
            "# The Estimator needs {}, which the request does not have: use the boto3 export.\n",
            sdk.missing.join(" and ")
        ));
    }
    if !sdk.not_carried.is_empty() {
        text.push_str(&format!(
            "# Not carried: the SDK has no argument for {}. Use the boto3 export to send them.\n",
            sdk.not_carried.join(", ")
        ));
    }
    text.push_str("import boto3\nimport sagemaker\n");
    for (module, names) in sdk.imports() {
        text.push_str(&format!("from {module} import {}\n", names.join(", ")));
    }
    text.push_str(&format!(
        "\nsession = sagemaker.Session(boto_session=boto3.Session(region_name={}))\n\nestimator = Estimator(\n",
        double_quoted(region)
    ));
    for (name, value) in &sdk.arguments {
        text.push_str(&format!("    {name}={value},\n"));
    }
    text.push_str("    sagemaker_session=session,\n)\n\n");
    text.push_str("estimator.fit(\n");
    for (name, value) in &fit {
        text.push_str(&format!("    {name}={value},\n"));
    }
    text.push_str("    wait=False,\n)\nprint(estimator.latest_training_job.name)\n");
    let mut notes = Vec::new();
    if !sdk.missing.is_empty() {
        notes.push(format!(
            "The SDK's Estimator needs {}, which this request does not have: the script stops with an error. \
             Use the boto3 export for this job.",
            sdk.missing.join(" and ")
        ));
    }
    if !sdk.not_carried.is_empty() {
        let (members, it) = super::listed(&sdk.not_carried);
        notes.push(format!(
            "The SDK has no argument for {members}: the script leaves {it} out. Use the boto3 export to send the \
             request as it is."
        ));
    }
    if !sdk.added.is_empty() {
        notes.push(format!("The SDK adds {} by itself.", sdk.added.join(", ")));
    }
    if !sdk.left_to_default.is_empty() {
        notes
            .push(format!("The SDK leaves out {}: the service's default is the same.", sdk.left_to_default.join(", ")));
    }
    if !sdk.reordered.is_empty() {
        notes.push(format!("The SDK may send {} in another order.", sdk.reordered.join(", ")));
    }
    Written { text, notes }
}

/// The script being written, and what it says about the request.
#[derive(Default)]
struct Script {
    /// `Estimator` arguments, as Python source.
    arguments: Vec<(&'static str, String)>,
    /// Classes the script imports: (module, class).
    imports: BTreeSet<(&'static str, &'static str)>,
    /// Members of the request the SDK cannot send.
    not_carried: Vec<String>,
    /// Members (with their values) the SDK adds.
    added: Vec<String>,
    /// Members the SDK leaves out because the value sent is the service's default.
    left_to_default: Vec<String>,
    /// Lists the SDK keeps in a set.
    reordered: Vec<String>,
    /// Members the `Estimator` cannot do without that the request lacks.
    missing: Vec<&'static str>,
}

fn text(value: &Value) -> String {
    python::literal(value, 1)
}

impl Script {
    fn imports(&self) -> Vec<(&'static str, Vec<&'static str>)> {
        let mut modules: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
        for (module, name) in &self.imports {
            match modules.last_mut() {
                Some((last, names)) if last == module => names.push(name),
                _ => modules.push((module, vec![name])),
            }
        }
        modules
    }

    fn arg(&mut self, name: &'static str, value: String) {
        self.arguments.push((name, value));
    }

    fn use_class(&mut self, module: &'static str, name: &'static str) -> &'static str {
        self.imports.insert((module, name));
        name
    }

    /// `members` of the structure at `at`, each passed to an argument or said not to be carried.
    /// `map` gives each member's argument name, or `None` for the member to be handled apart.
    fn pass(&mut self, at: &str, object: &Map<String, Value>, map: &[(&str, &'static str)]) {
        for (key, value) in object {
            match map.iter().find(|(member, _)| member == key) {
                Some((_, argument)) => self.arg(argument, text(value)),
                None => self.not_carried.push(path::child(at, key)),
            }
        }
    }

    fn estimator_arguments(&mut self, request: &Map<String, Value>) {
        self.use_class("sagemaker.estimator", "Estimator");
        let spec = request.get("AlgorithmSpecification").and_then(Value::as_object);
        self.algorithm(spec);
        if let Some(role) = request.get("RoleArn") {
            self.arg("role", text(role));
        }
        self.resources(request.get("ResourceConfig").and_then(Value::as_object));
        match request.get("StoppingCondition").and_then(Value::as_object) {
            Some(stopping) => {
                self.pass(
                    "StoppingCondition",
                    stopping,
                    &[("MaxRuntimeInSeconds", "max_run"), ("MaxWaitTimeInSeconds", "max_wait")],
                );
                if !stopping.contains_key("MaxRuntimeInSeconds") {
                    self.added.push("StoppingCondition.MaxRuntimeInSeconds 86400".into());
                }
            }
            None => self.added.push("StoppingCondition.MaxRuntimeInSeconds 86400".into()),
        }
        if let Some(output) = request.get("OutputDataConfig").and_then(Value::as_object) {
            for (key, value) in output {
                match (key.as_str(), value.as_str()) {
                    ("S3OutputPath", _) => self.arg("output_path", text(value)),
                    ("KmsKeyId", _) => self.arg("output_kms_key", text(value)),
                    ("CompressionType", Some("NONE")) => self.arg("disable_output_compression", "True".into()),
                    ("CompressionType", Some("GZIP")) => {
                        self.left_to_default.push("OutputDataConfig.CompressionType (GZIP)".into())
                    }
                    _ => self.not_carried.push(path::child("OutputDataConfig", key)),
                }
            }
        }
        for (key, value) in request {
            let flag = |argument: &'static str| (argument, value.as_bool());
            let (argument, on) = match key.as_str() {
                "HyperParameters" => {
                    if value.as_object().is_some_and(|h| h.is_empty()) {
                        self.left_to_default.push("HyperParameters (empty)".into());
                    } else {
                        self.arg("hyperparameters", text(value));
                    }
                    continue;
                }
                "Environment" => {
                    self.arg("environment", text(value));
                    continue;
                }
                "Tags" => {
                    self.arg("tags", text(value));
                    continue;
                }
                "VpcConfig" => {
                    let vpc = value.as_object().unwrap_or(&Map::new()).clone();
                    self.pass("VpcConfig", &vpc, &[("Subnets", "subnets"), ("SecurityGroupIds", "security_group_ids")]);
                    continue;
                }
                "CheckpointConfig" => {
                    let checkpoint = value.as_object().unwrap_or(&Map::new()).clone();
                    self.pass(
                        "CheckpointConfig",
                        &checkpoint,
                        &[("S3Uri", "checkpoint_s3_uri"), ("LocalPath", "checkpoint_local_path")],
                    );
                    continue;
                }
                "RetryStrategy" => {
                    let retry = value.as_object().unwrap_or(&Map::new()).clone();
                    self.pass("RetryStrategy", &retry, &[("MaximumRetryAttempts", "max_retry_attempts")]);
                    continue;
                }
                "RemoteDebugConfig" | "InfraCheckConfig" | "SessionChainingConfig" => {
                    let (member, argument) = match key.as_str() {
                        "RemoteDebugConfig" => ("EnableRemoteDebug", "enable_remote_debug"),
                        "InfraCheckConfig" => ("EnableInfraCheck", "enable_infra_check"),
                        _ => ("EnableSessionTagChaining", "enable_session_tag_chaining"),
                    };
                    let config = value.as_object().unwrap_or(&Map::new()).clone();
                    if config.is_empty() {
                        self.not_carried.push(format!("{key} (empty)"));
                    }
                    self.pass(key, &config, &[(member, argument)]);
                    continue;
                }
                "TensorBoardOutputConfig" => {
                    self.tensorboard(value);
                    continue;
                }
                "DebugHookConfig" => {
                    self.debug_hook(value);
                    continue;
                }
                "DebugRuleConfigurations" => {
                    self.debug_rules(value);
                    continue;
                }
                "ProfilerConfig" => {
                    self.profiler(value);
                    continue;
                }
                "EnableNetworkIsolation" => flag("enable_network_isolation"),
                "EnableInterContainerTrafficEncryption" => flag("encrypt_inter_container_traffic"),
                "EnableManagedSpotTraining" => flag("use_spot_instances"),
                "ProfilerRuleConfigurations" | "ServerlessJobConfig" | "MlflowConfig" | "ModelPackageConfig" => {
                    self.not_carried.push(key.clone());
                    continue;
                }
                // Sent by fit, or above.
                _ => continue,
            };
            match on {
                Some(true) => self.arg(argument, "True".into()),
                Some(false) => self.left_to_default.push(format!("{key} (false)")),
                None => self.not_carried.push(key.clone()),
            }
        }
        if !request.contains_key("DebugHookConfig") {
            self.arg("debugger_hook_config", "False".into());
        }
        if !request.contains_key("ProfilerConfig") {
            self.arg("disable_profiler", "True".into());
            self.added.push("ProfilerConfig.DisableProfiler true".into());
        }
    }

    fn algorithm(&mut self, spec: Option<&Map<String, Value>>) {
        let empty = Map::new();
        let spec = spec.unwrap_or(&empty);
        for (key, value) in spec {
            let argument = match key.as_str() {
                "TrainingImage" => "image_uri",
                "TrainingInputMode" => "input_mode",
                "MetricDefinitions" => "metric_definitions",
                "EnableSageMakerMetricsTimeSeries" => "enable_sagemaker_metrics",
                "ContainerEntrypoint" => "container_entry_point",
                "ContainerArguments" => "container_arguments",
                "TrainingImageConfig" => {
                    let config = value.as_object().cloned().unwrap_or_default();
                    for (key, value) in &config {
                        match (key.as_str(), value.as_object()) {
                            ("TrainingRepositoryAccessMode", _) => {
                                self.arg("training_repository_access_mode", text(value))
                            }
                            ("TrainingRepositoryAuthConfig", Some(auth)) => self.pass(
                                "AlgorithmSpecification.TrainingImageConfig.TrainingRepositoryAuthConfig",
                                auth,
                                &[(
                                    "TrainingRepositoryCredentialsProviderArn",
                                    "training_repository_credentials_provider_arn",
                                )],
                            ),
                            _ => self.not_carried.push(format!("AlgorithmSpecification.TrainingImageConfig.{key}")),
                        }
                    }
                    continue;
                }
                _ => {
                    self.not_carried.push(path::child("AlgorithmSpecification", key));
                    continue;
                }
            };
            self.arg(argument, text(value));
        }
        if !spec.contains_key("TrainingImage") {
            // The Estimator needs an image; an algorithm resource needs AlgorithmEstimator.
            self.missing.push("AlgorithmSpecification.TrainingImage");
            self.arg("image_uri", "None".into());
        }
    }

    fn resources(&mut self, resources: Option<&Map<String, Value>>) {
        let Some(resources) = resources else {
            self.missing.push("ResourceConfig");
            return;
        };
        for (key, value) in resources {
            let argument = match key.as_str() {
                "InstanceType" => "instance_type",
                "InstanceCount" => "instance_count",
                "VolumeSizeInGB" => "volume_size",
                "VolumeKmsKeyId" => "volume_kms_key",
                "KeepAlivePeriodInSeconds" => "keep_alive_period_in_seconds",
                "TrainingPlanArn" => "training_plan",
                "InstancePlacementConfig" => "instance_placement_config",
                "InstanceGroups" => {
                    let class = self.use_class("sagemaker.instance_group", "InstanceGroup");
                    let groups: Vec<String> = value
                        .as_array()
                        .map(Vec::as_slice)
                        .unwrap_or_default()
                        .iter()
                        .map(|group| {
                            let field = |k: &str| group.get(k).map(text).unwrap_or_else(|| "None".into());
                            format!(
                                "        {class}({}, {}, {}),\n",
                                field("InstanceGroupName"),
                                field("InstanceType"),
                                field("InstanceCount")
                            )
                        })
                        .collect();
                    self.arg("instance_groups", format!("[\n{}    ]", groups.concat()));
                    continue;
                }
                _ => {
                    self.not_carried.push(path::child("ResourceConfig", key));
                    continue;
                }
            };
            self.arg(argument, text(value));
        }
        if !resources.contains_key("VolumeSizeInGB") {
            self.added.push("ResourceConfig.VolumeSizeInGB 30".into());
        }
    }

    fn tensorboard(&mut self, value: &Value) {
        let class = self.use_class("sagemaker.debugger", "TensorBoardOutputConfig");
        let config = value.as_object().cloned().unwrap_or_default();
        let mut parts = Vec::new();
        for (key, value) in &config {
            match key.as_str() {
                "S3OutputPath" => parts.push(format!("s3_output_path={}", text(value))),
                "LocalPath" => parts.push(format!("container_local_output_path={}", text(value))),
                _ => self.not_carried.push(path::child("TensorBoardOutputConfig", key)),
            }
        }
        self.arg("tensorboard_output_config", format!("{class}({})", parts.join(", ")));
    }

    fn debug_hook(&mut self, value: &Value) {
        let class = self.use_class("sagemaker.debugger", "DebuggerHookConfig");
        let config = value.as_object().cloned().unwrap_or_default();
        let mut parts = Vec::new();
        for (key, value) in &config {
            match key.as_str() {
                "S3OutputPath" => parts.push(format!("s3_output_path={}", text(value))),
                "LocalPath" => parts.push(format!("container_local_output_path={}", text(value))),
                "HookParameters" => parts.push(format!("hook_parameters={}", text(value))),
                "CollectionConfigurations" => {
                    let collection = self.use_class("sagemaker.debugger", "CollectionConfig");
                    let items: Vec<String> = value
                        .as_array()
                        .map(Vec::as_slice)
                        .unwrap_or_default()
                        .iter()
                        .map(|c| {
                            let name = c.get("CollectionName").map(text).unwrap_or_else(|| "None".into());
                            let parameters = c.get("CollectionParameters").map(|p| python::literal(p, 3));
                            match parameters {
                                Some(parameters) => {
                                    format!("        {collection}(name={name}, parameters={parameters}),\n")
                                }
                                None => format!("        {collection}(name={name}),\n"),
                            }
                        })
                        .collect();
                    if items.len() > 1 {
                        self.reordered.push("DebugHookConfig.CollectionConfigurations".into());
                    }
                    parts.push(format!("collection_configs=[\n{}    ]", items.concat()));
                }
                _ => self.not_carried.push(path::child("DebugHookConfig", key)),
            }
        }
        if !config.contains_key("CollectionConfigurations") {
            self.added.push("DebugHookConfig.CollectionConfigurations []".into());
        }
        self.arg("debugger_hook_config", format!("{class}({})", parts.join(", ")));
    }

    fn debug_rules(&mut self, value: &Value) {
        let class = self.use_class("sagemaker.debugger", "Rule");
        let mut rules = Vec::new();
        for (i, rule) in value.as_array().map(Vec::as_slice).unwrap_or_default().iter().enumerate() {
            let at = path::item("DebugRuleConfigurations", i);
            let mut parts = Vec::new();
            for (key, value) in rule.as_object().cloned().unwrap_or_default() {
                let argument = match key.as_str() {
                    "RuleConfigurationName" => "name",
                    "RuleEvaluatorImage" => "image_uri",
                    "InstanceType" => "instance_type",
                    "VolumeSizeInGB" => "volume_size_in_gb",
                    "LocalPath" => "container_local_output_path",
                    "S3OutputPath" => "s3_output_path",
                    "RuleParameters" => "rule_parameters",
                    _ => {
                        self.not_carried.push(path::child(&at, &key));
                        continue;
                    }
                };
                let value = if key == "RuleParameters" { python::literal(&value, 2) } else { text(&value) };
                parts.push(format!("{argument}={value}"));
            }
            // Rule.custom needs these four; the SDK leaves a zero size and an unset type out.
            for (argument, default) in [("instance_type", "None"), ("volume_size_in_gb", "0")] {
                if !parts.iter().any(|p| p.starts_with(&format!("{argument}="))) {
                    parts.push(format!("{argument}={default}"));
                }
            }
            rules.push(format!("        {class}.custom({}),\n", parts.join(", ")));
        }
        self.arg("rules", format!("[\n{}    ]", rules.concat()));
    }

    fn profiler(&mut self, value: &Value) {
        let config = value.as_object().cloned().unwrap_or_default();
        if config.len() == 1 && config.get("DisableProfiler") == Some(&Value::Bool(true)) {
            self.arg("disable_profiler", "True".into());
            return;
        }
        let class = self.use_class("sagemaker.debugger", "ProfilerConfig");
        let mut parts = Vec::new();
        for (key, value) in &config {
            match key.as_str() {
                "S3OutputPath" => parts.push(format!("s3_output_path={}", text(value))),
                "ProfilingIntervalInMilliseconds" => {
                    parts.push(format!("system_monitor_interval_millis={}", text(value)))
                }
                "DisableProfiler" => parts.push(format!("disable_profiler={}", text(value))),
                _ => self.not_carried.push(path::child("ProfilerConfig", key)),
            }
        }
        if !config.contains_key("DisableProfiler") {
            self.added.push("ProfilerConfig.DisableProfiler false".into());
        }
        if !config.contains_key("S3OutputPath") && config.get("DisableProfiler") != Some(&Value::Bool(true)) {
            self.added.push("ProfilerConfig.S3OutputPath (the output path)".into());
        }
        self.arg("profiler_config", format!("{class}({})", parts.join(", ")));
    }

    /// `fit`'s arguments: the channels, the job name and the experiment.
    fn fit_arguments(&mut self, request: &Map<String, Value>) -> Vec<(&'static str, String)> {
        let mut fit = Vec::new();
        if let Some(channels) = request.get("InputDataConfig").and_then(Value::as_array) {
            let mut inputs = String::from("{\n");
            for (i, channel) in channels.iter().enumerate() {
                let at = path::item("InputDataConfig", i);
                let empty = Map::new();
                let channel = channel.as_object().unwrap_or(&empty);
                let name = channel.get("ChannelName").map(text).unwrap_or_else(|| "\"\"".into());
                inputs.push_str(&format!("        {name}: {},\n", self.channel(&at, channel)));
            }
            inputs.push_str("    }");
            fit.push(("inputs", inputs));
        }
        if let Some(name) = request.get("TrainingJobName") {
            fit.push(("job_name", text(name)));
        }
        if let Some(experiment) = request.get("ExperimentConfig") {
            if experiment.as_object().is_some_and(|e| e.is_empty()) {
                self.left_to_default.push("ExperimentConfig (empty)".into());
            } else {
                fit.push(("experiment_config", text(experiment)));
            }
        }
        fit
    }

    /// One channel as a `TrainingInput` (S3) or a `FileSystemInput` (EFS, FSx for Lustre).
    fn channel(&mut self, at: &str, channel: &Map<String, Value>) -> String {
        let source = channel.get("DataSource").and_then(Value::as_object);
        let mut parts = Vec::new();
        let class;
        if let Some(files) = source.and_then(|s| s.get("FileSystemDataSource")).and_then(Value::as_object) {
            class = self.use_class("sagemaker.inputs", "FileSystemInput");
            let at = format!("{at}.DataSource.FileSystemDataSource");
            for (key, value) in files {
                let argument = match key.as_str() {
                    "FileSystemId" => "file_system_id",
                    "FileSystemType" => "file_system_type",
                    "DirectoryPath" => "directory_path",
                    "FileSystemAccessMode" => "file_system_access_mode",
                    _ => {
                        self.not_carried.push(path::child(&at, key));
                        continue;
                    }
                };
                parts.push(format!("{argument}={}", text(value)));
            }
        } else {
            class = self.use_class("sagemaker.inputs", "TrainingInput");
            let s3 = source.and_then(|s| s.get("S3DataSource")).and_then(Value::as_object);
            let s3_at = format!("{at}.DataSource.S3DataSource");
            for (key, value) in s3.cloned().unwrap_or_default() {
                let argument = match key.as_str() {
                    "S3Uri" => "s3_data",
                    "S3DataType" => "s3_data_type",
                    "S3DataDistributionType" => "distribution",
                    "AttributeNames" => "attribute_names",
                    "InstanceGroupNames" => "instance_groups",
                    "ModelAccessConfig" => "model_access_config",
                    "HubAccessConfig" => "hub_access_config",
                    _ => {
                        self.not_carried.push(path::child(&s3_at, &key));
                        continue;
                    }
                };
                parts.push(format!("{argument}={}", text(&value)));
            }
            if s3.is_some_and(|s3| !s3.contains_key("S3DataDistributionType")) {
                self.added.push(format!("{s3_at}.S3DataDistributionType FullyReplicated"));
            }
        }
        for key in source.into_iter().flat_map(|s| s.keys()) {
            if key != "S3DataSource" && key != "FileSystemDataSource" {
                self.not_carried.push(format!("{at}.DataSource.{key}"));
            }
        }
        let file_system = class == "FileSystemInput";
        for (key, value) in channel {
            let argument = match key.as_str() {
                "ChannelName" | "DataSource" => continue,
                "ContentType" => "content_type",
                "CompressionType" if !file_system => "compression",
                "RecordWrapperType" if !file_system => "record_wrapping",
                "InputMode" if !file_system => "input_mode",
                "ShuffleConfig" if !file_system => {
                    let shuffle = self.use_class("sagemaker.inputs", "ShuffleConfig");
                    let seed = value.get("Seed").map(text).unwrap_or_else(|| "None".into());
                    parts.push(format!("shuffle_config={shuffle}({seed})"));
                    continue;
                }
                _ => {
                    self.not_carried.push(path::child(at, key));
                    continue;
                }
            };
            parts.push(format!("{argument}={}", text(value)));
        }
        format!("{class}({})", parts.join(", "))
    }
}
