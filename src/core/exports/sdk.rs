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

/// Which SDK argument carries each member of a structure: (member, argument).
type Arguments = &'static [(&'static str, &'static str)];

const ALGORITHM: Arguments = &[
    ("TrainingImage", "image_uri"),
    ("TrainingInputMode", "input_mode"),
    ("MetricDefinitions", "metric_definitions"),
    ("EnableSageMakerMetricsTimeSeries", "enable_sagemaker_metrics"),
    ("ContainerEntrypoint", "container_entry_point"),
    ("ContainerArguments", "container_arguments"),
];
const RESOURCES: Arguments = &[
    ("InstanceType", "instance_type"),
    ("InstanceCount", "instance_count"),
    ("VolumeSizeInGB", "volume_size"),
    ("VolumeKmsKeyId", "volume_kms_key"),
    ("KeepAlivePeriodInSeconds", "keep_alive_period_in_seconds"),
    ("TrainingPlanArn", "training_plan"),
    ("InstancePlacementConfig", "instance_placement_config"),
];
const STOPPING: Arguments = &[("MaxRuntimeInSeconds", "max_run"), ("MaxWaitTimeInSeconds", "max_wait")];
const VPC: Arguments = &[("Subnets", "subnets"), ("SecurityGroupIds", "security_group_ids")];
const CHECKPOINT: Arguments = &[("S3Uri", "checkpoint_s3_uri"), ("LocalPath", "checkpoint_local_path")];
const RETRY: Arguments = &[("MaximumRetryAttempts", "max_retry_attempts")];
const REMOTE_DEBUG: Arguments = &[("EnableRemoteDebug", "enable_remote_debug")];
const INFRA_CHECK: Arguments = &[("EnableInfraCheck", "enable_infra_check")];
const SESSION_CHAINING: Arguments = &[("EnableSessionTagChaining", "enable_session_tag_chaining")];
const REPOSITORY_AUTH: Arguments =
    &[("TrainingRepositoryCredentialsProviderArn", "training_repository_credentials_provider_arn")];
const TENSORBOARD: Arguments = &[("S3OutputPath", "s3_output_path"), ("LocalPath", "container_local_output_path")];
const DEBUG_HOOK: Arguments = &[
    ("S3OutputPath", "s3_output_path"),
    ("LocalPath", "container_local_output_path"),
    ("HookParameters", "hook_parameters"),
];
const DEBUG_RULE: Arguments = &[
    ("RuleConfigurationName", "name"),
    ("RuleEvaluatorImage", "image_uri"),
    ("InstanceType", "instance_type"),
    ("VolumeSizeInGB", "volume_size_in_gb"),
    ("LocalPath", "container_local_output_path"),
    ("S3OutputPath", "s3_output_path"),
    ("RuleParameters", "rule_parameters"),
];
const PROFILER: Arguments = &[
    ("S3OutputPath", "s3_output_path"),
    ("ProfilingIntervalInMilliseconds", "system_monitor_interval_millis"),
    ("DisableProfiler", "disable_profiler"),
];
const FILE_SYSTEM: Arguments = &[
    ("FileSystemId", "file_system_id"),
    ("FileSystemType", "file_system_type"),
    ("DirectoryPath", "directory_path"),
    ("FileSystemAccessMode", "file_system_access_mode"),
];
const S3: Arguments = &[
    ("S3Uri", "s3_data"),
    ("S3DataType", "s3_data_type"),
    ("S3DataDistributionType", "distribution"),
    ("AttributeNames", "attribute_names"),
    ("InstanceGroupNames", "instance_groups"),
    ("ModelAccessConfig", "model_access_config"),
    ("HubAccessConfig", "hub_access_config"),
];
const CHANNEL: Arguments = &[
    ("ContentType", "content_type"),
    ("CompressionType", "compression"),
    ("RecordWrapperType", "record_wrapping"),
    ("InputMode", "input_mode"),
];
const FILE_SYSTEM_CHANNEL: Arguments = &[("ContentType", "content_type")];

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

    /// The members of the structure `value` at `at` as (argument, Python value), by `table`; a
    /// member in `apart` is the caller's to write, and any other is not carried.
    fn carried(
        &mut self,
        at: &str,
        value: Option<&Value>,
        table: Arguments,
        apart: &[&str],
    ) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        for (key, value) in value.and_then(Value::as_object).into_iter().flatten() {
            match table.iter().find(|(member, _)| member == key) {
                Some((_, argument)) => out.push((*argument, text(value))),
                None if apart.contains(&key.as_str()) => {}
                None => self.not_carried.push(path::child(at, key)),
            }
        }
        out
    }

    /// [`Script::carried`], passed to the `Estimator`.
    fn pass(&mut self, at: &str, value: Option<&Value>, table: Arguments, apart: &[&str]) {
        for (argument, value) in self.carried(at, value, table, apart) {
            self.arg(argument, value);
        }
    }

    /// `Class(argument=value, ...)` of [`Script::carried`], with `more` arguments after them (the
    /// caller's, for the members in `apart`).
    fn construct(
        &mut self,
        class: &str,
        at: &str,
        value: Option<&Value>,
        table: Arguments,
        apart: &[&str],
        more: Vec<String>,
    ) -> String {
        let mut parts: Vec<String> =
            self.carried(at, value, table, apart).into_iter().map(|(a, v)| format!("{a}={v}")).collect();
        parts.extend(more);
        format!("{class}({})", parts.join(", "))
    }

    fn estimator_arguments(&mut self, request: &Map<String, Value>) {
        self.use_class("sagemaker.estimator", "Estimator");
        self.algorithm(request.get("AlgorithmSpecification"));
        if let Some(role) = request.get("RoleArn") {
            self.arg("role", text(role));
        }
        self.resources(request.get("ResourceConfig"));
        let stopping = request.get("StoppingCondition");
        self.pass("StoppingCondition", stopping, STOPPING, &[]);
        if stopping.and_then(|s| s.get("MaxRuntimeInSeconds")).is_none() {
            self.added.push("StoppingCondition.MaxRuntimeInSeconds 86400".into());
        }
        let output = request.get("OutputDataConfig");
        let output_arguments = &[("S3OutputPath", "output_path"), ("KmsKeyId", "output_kms_key")];
        self.pass("OutputDataConfig", output, output_arguments, &["CompressionType"]);
        match output.and_then(|o| o.get("CompressionType")).map(|c| c.as_str()) {
            Some(Some("NONE")) => self.arg("disable_output_compression", "True".into()),
            Some(Some("GZIP")) => self.left_to_default.push("OutputDataConfig.CompressionType (GZIP)".into()),
            Some(_) => self.not_carried.push("OutputDataConfig.CompressionType".into()),
            None => {}
        }
        for (key, value) in request {
            let (argument, on) = match key.as_str() {
                "HyperParameters" if value.as_object().is_some_and(|h| h.is_empty()) => {
                    self.left_to_default.push("HyperParameters (empty)".into());
                    continue;
                }
                "HyperParameters" | "Environment" | "Tags" => {
                    let argument = match key.as_str() {
                        "HyperParameters" => "hyperparameters",
                        "Environment" => "environment",
                        _ => "tags",
                    };
                    self.arg(argument, text(value));
                    continue;
                }
                "VpcConfig" | "CheckpointConfig" | "RetryStrategy" => {
                    let table = match key.as_str() {
                        "VpcConfig" => VPC,
                        "CheckpointConfig" => CHECKPOINT,
                        _ => RETRY,
                    };
                    self.pass(key, Some(value), table, &[]);
                    continue;
                }
                "RemoteDebugConfig" | "InfraCheckConfig" | "SessionChainingConfig" => {
                    let table = match key.as_str() {
                        "RemoteDebugConfig" => REMOTE_DEBUG,
                        "InfraCheckConfig" => INFRA_CHECK,
                        _ => SESSION_CHAINING,
                    };
                    if value.as_object().is_some_and(|c| c.is_empty()) {
                        self.not_carried.push(format!("{key} (empty)"));
                    }
                    self.pass(key, Some(value), table, &[]);
                    continue;
                }
                "TensorBoardOutputConfig" => {
                    let class = self.use_class("sagemaker.debugger", "TensorBoardOutputConfig");
                    let config = self.construct(class, key, Some(value), TENSORBOARD, &[], Vec::new());
                    self.arg("tensorboard_output_config", config);
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
                "EnableNetworkIsolation" => ("enable_network_isolation", value.as_bool()),
                "EnableInterContainerTrafficEncryption" => ("encrypt_inter_container_traffic", value.as_bool()),
                "EnableManagedSpotTraining" => ("use_spot_instances", value.as_bool()),
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

    fn algorithm(&mut self, spec: Option<&Value>) {
        const AT: &str = "AlgorithmSpecification";
        self.pass(AT, spec, ALGORITHM, &["TrainingImageConfig"]);
        let image_config = spec.and_then(|s| s.get("TrainingImageConfig"));
        let image_at = "AlgorithmSpecification.TrainingImageConfig";
        let mode = &[("TrainingRepositoryAccessMode", "training_repository_access_mode")];
        self.pass(image_at, image_config, mode, &["TrainingRepositoryAuthConfig"]);
        let auth = image_config.and_then(|c| c.get("TrainingRepositoryAuthConfig"));
        self.pass(&path::child(image_at, "TrainingRepositoryAuthConfig"), auth, REPOSITORY_AUTH, &[]);
        if spec.and_then(|s| s.get("TrainingImage")).is_none() {
            // The Estimator needs an image; an algorithm resource needs AlgorithmEstimator.
            self.missing.push("AlgorithmSpecification.TrainingImage");
            self.arg("image_uri", "None".into());
        }
    }

    fn resources(&mut self, resources: Option<&Value>) {
        let Some(resources) = resources else {
            self.missing.push("ResourceConfig");
            return;
        };
        self.pass("ResourceConfig", Some(resources), RESOURCES, &["InstanceGroups"]);
        if let Some(groups) = resources.get("InstanceGroups") {
            let class = self.use_class("sagemaker.instance_group", "InstanceGroup");
            let groups: Vec<String> = groups
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|group| {
                    let field = |k: &str| group.get(k).map(text).unwrap_or_else(|| "None".into());
                    let (name, kind, count) =
                        (field("InstanceGroupName"), field("InstanceType"), field("InstanceCount"));
                    format!("        {class}({name}, {kind}, {count}),\n")
                })
                .collect();
            self.arg("instance_groups", format!("[\n{}    ]", groups.concat()));
        }
        if resources.get("VolumeSizeInGB").is_none() {
            self.added.push("ResourceConfig.VolumeSizeInGB 30".into());
        }
    }

    fn debug_hook(&mut self, value: &Value) {
        let class = self.use_class("sagemaker.debugger", "DebuggerHookConfig");
        let mut more = Vec::new();
        match value.get("CollectionConfigurations").and_then(Value::as_array) {
            Some(collections) => {
                let collection = self.use_class("sagemaker.debugger", "CollectionConfig");
                let items: Vec<String> = collections
                    .iter()
                    .map(|c| {
                        let name = c.get("CollectionName").map(text).unwrap_or_else(|| "None".into());
                        match c.get("CollectionParameters") {
                            Some(p) => format!("        {collection}(name={name}, parameters={}),\n", text(p)),
                            None => format!("        {collection}(name={name}),\n"),
                        }
                    })
                    .collect();
                if items.len() > 1 {
                    self.reordered.push("DebugHookConfig.CollectionConfigurations".into());
                }
                more.push(format!("collection_configs=[\n{}    ]", items.concat()));
            }
            None => self.added.push("DebugHookConfig.CollectionConfigurations []".into()),
        }
        let config =
            self.construct(class, "DebugHookConfig", Some(value), DEBUG_HOOK, &["CollectionConfigurations"], more);
        self.arg("debugger_hook_config", config);
    }

    fn debug_rules(&mut self, value: &Value) {
        let class = self.use_class("sagemaker.debugger", "Rule");
        let mut rules = String::new();
        for (i, rule) in value.as_array().map(Vec::as_slice).unwrap_or_default().iter().enumerate() {
            // Rule.custom needs a type and a size; the SDK leaves an unset type and a zero size out.
            let more = [("InstanceType", "instance_type=None"), ("VolumeSizeInGB", "volume_size_in_gb=0")]
                .iter()
                .filter(|(member, _)| rule.get(member).is_none())
                .map(|(_, argument)| argument.to_string())
                .collect();
            let at = path::item("DebugRuleConfigurations", i);
            let custom = self.construct(&format!("{class}.custom"), &at, Some(rule), DEBUG_RULE, &[], more);
            rules.push_str(&format!("        {custom},\n"));
        }
        self.arg("rules", format!("[\n{rules}    ]"));
    }

    fn profiler(&mut self, value: &Value) {
        let disabled = value.get("DisableProfiler") == Some(&Value::Bool(true));
        if disabled && value.as_object().is_some_and(|c| c.len() == 1) {
            self.arg("disable_profiler", "True".into());
            return;
        }
        let class = self.use_class("sagemaker.debugger", "ProfilerConfig");
        if value.get("DisableProfiler").is_none() {
            self.added.push("ProfilerConfig.DisableProfiler false".into());
        }
        if value.get("S3OutputPath").is_none() && !disabled {
            self.added.push("ProfilerConfig.S3OutputPath (the output path)".into());
        }
        let config = self.construct(class, "ProfilerConfig", Some(value), PROFILER, &[], Vec::new());
        self.arg("profiler_config", config);
    }

    /// `fit`'s arguments: the channels, the job name and the experiment.
    fn fit_arguments(&mut self, request: &Map<String, Value>) -> Vec<(&'static str, String)> {
        let mut fit = Vec::new();
        if let Some(channels) = request.get("InputDataConfig").and_then(Value::as_array) {
            let mut inputs = String::from("{\n");
            for (i, channel) in channels.iter().enumerate() {
                let name = channel.get("ChannelName").map(text).unwrap_or_else(|| "\"\"".into());
                let input = self.channel(&path::item("InputDataConfig", i), channel);
                inputs.push_str(&format!("        {name}: {input},\n"));
            }
            inputs.push_str("    }");
            fit.push(("inputs", inputs));
        }
        if let Some(name) = request.get("TrainingJobName") {
            fit.push(("job_name", text(name)));
        }
        match request.get("ExperimentConfig") {
            Some(experiment) if experiment.as_object().is_some_and(|e| e.is_empty()) => {
                self.left_to_default.push("ExperimentConfig (empty)".into())
            }
            Some(experiment) => fit.push(("experiment_config", text(experiment))),
            None => {}
        }
        fit
    }

    /// One channel as a `TrainingInput` (S3) or a `FileSystemInput` (EFS, FSx for Lustre).
    fn channel(&mut self, at: &str, channel: &Value) -> String {
        let source = channel.get("DataSource");
        let source_at = format!("{at}.DataSource");
        for key in source.and_then(Value::as_object).into_iter().flat_map(|s| s.keys()) {
            if key != "S3DataSource" && key != "FileSystemDataSource" {
                self.not_carried.push(path::child(&source_at, key));
            }
        }
        let apart = ["ChannelName", "DataSource", "ShuffleConfig"];
        if let Some(files) = source.and_then(|s| s.get("FileSystemDataSource")) {
            let class = self.use_class("sagemaker.inputs", "FileSystemInput");
            let more = self.carried(at, Some(channel), FILE_SYSTEM_CHANNEL, &apart[..2]);
            let more = more.into_iter().map(|(a, v)| format!("{a}={v}")).collect();
            let files_at = path::child(&source_at, "FileSystemDataSource");
            return self.construct(class, &files_at, Some(files), FILE_SYSTEM, &[], more);
        }
        let class = self.use_class("sagemaker.inputs", "TrainingInput");
        let mut more: Vec<String> =
            self.carried(at, Some(channel), CHANNEL, &apart).into_iter().map(|(a, v)| format!("{a}={v}")).collect();
        if let Some(shuffle) = channel.get("ShuffleConfig") {
            let class = self.use_class("sagemaker.inputs", "ShuffleConfig");
            let seed = shuffle.get("Seed").map(text).unwrap_or_else(|| "None".into());
            more.push(format!("shuffle_config={class}({seed})"));
        }
        let s3 = source.and_then(|s| s.get("S3DataSource"));
        let s3_at = path::child(&source_at, "S3DataSource");
        if s3.is_some_and(|s3| s3.get("S3DataDistributionType").is_none()) {
            self.added.push(format!("{s3_at}.S3DataDistributionType FullyReplicated"));
        }
        self.construct(class, &s3_at, s3, S3, &[], more)
    }
}
