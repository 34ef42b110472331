//! Our own help text for each member, by path without list positions. One or two sentences each;
//! the constraints shown beside them come from the catalogue.

/// Help for `path` (`InputDataConfig.ChannelName`), or "" if there is none.
pub fn help(path: &str) -> &'static str {
    HELP.binary_search_by(|(p, _)| p.cmp(&path)).map(|i| HELP[i].1).unwrap_or("")
}

/// `MaxRuntimeInSeconds` -> `Max runtime in seconds`; `VolumeSizeInGB` -> `Volume size in GB`.
pub fn label(name: &str) -> String {
    // One word, not "Sage maker".
    let name = name.replace("SageMaker", "Sagemaker");
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

/// Sorted by path, so lookups can bisect (a test keeps it sorted).
const HELP: &[(&str, &str)] = &[
    ("AlgorithmSpecification", "What runs: your container image or an algorithm resource, and how it reads data."),
    ("AlgorithmSpecification.AlgorithmName", "The name or ARN of an algorithm resource, such as one from AWS Marketplace."),
    ("AlgorithmSpecification.ContainerArguments", "Arguments passed to the container's entry point, one per row."),
    ("AlgorithmSpecification.ContainerEntrypoint", "Overrides the image's entry point, one part per row (for example python, train.py)."),
    ("AlgorithmSpecification.EnableSageMakerMetricsTimeSeries", "Publish the metrics from your metric definitions as time series in SageMaker."),
    ("AlgorithmSpecification.MetricDefinitions", "Metrics SageMaker reads from the training log with a regular expression each."),
    ("AlgorithmSpecification.MetricDefinitions.Name", "The metric's name, as shown in the console and in CloudWatch."),
    ("AlgorithmSpecification.MetricDefinitions.Regex", "A regular expression whose first group captures the value from a log line."),
    ("AlgorithmSpecification.TrainingImage", "The registry path of the Docker image that runs your training code."),
    ("AlgorithmSpecification.TrainingImageConfig", "Where the training image comes from when it is not in Amazon ECR."),
    ("AlgorithmSpecification.TrainingImageConfig.TrainingRepositoryAccessMode", "Platform for Amazon ECR, or Vpc for a private registry reached through your VPC."),
    ("AlgorithmSpecification.TrainingImageConfig.TrainingRepositoryAuthConfig", "How SageMaker signs in to a private registry."),
    ("AlgorithmSpecification.TrainingImageConfig.TrainingRepositoryAuthConfig.TrainingRepositoryCredentialsProviderArn", "A Lambda function that returns the registry credentials."),
    ("AlgorithmSpecification.TrainingInputMode", "How data reaches the container: File copies it first, Pipe streams it, FastFile streams S3 objects on demand."),
    ("CheckpointConfig", "Where checkpoints are saved, so an interrupted job can resume."),
    ("CheckpointConfig.LocalPath", "The folder in the container that is synced with S3; /opt/ml/checkpoints by default."),
    ("CheckpointConfig.S3Uri", "The S3 location that checkpoints are copied to and restored from."),
    ("DebugHookConfig", "Settings for the SageMaker Debugger hook that saves tensors during training."),
    ("DebugHookConfig.CollectionConfigurations", "Tensor collections to save, each with its own parameters."),
    ("DebugHookConfig.CollectionConfigurations.CollectionName", "The name of a Debugger tensor collection, such as weights or losses."),
    ("DebugHookConfig.CollectionConfigurations.CollectionParameters", "Parameters of this collection, such as save_interval."),
    ("DebugHookConfig.HookParameters", "Parameters of the Debugger hook itself."),
    ("DebugHookConfig.LocalPath", "The folder in the container where the hook writes tensors before upload."),
    ("DebugHookConfig.S3OutputPath", "The S3 location for the saved tensors."),
    ("DebugRuleConfigurations", "Debugger rules that watch the saved tensors for problems such as vanishing gradients."),
    ("DebugRuleConfigurations.InstanceType", "The processing instance type that evaluates the rule."),
    ("DebugRuleConfigurations.LocalPath", "The folder in the rule container for its output."),
    ("DebugRuleConfigurations.RuleConfigurationName", "A name for this rule configuration, unique in the job."),
    ("DebugRuleConfigurations.RuleEvaluatorImage", "The image that evaluates the rule (a built-in rule image or your own)."),
    ("DebugRuleConfigurations.RuleParameters", "Parameters of the rule, such as rule_to_invoke."),
    ("DebugRuleConfigurations.S3OutputPath", "The S3 location for the rule's output."),
    ("DebugRuleConfigurations.VolumeSizeInGB", "Storage for the rule's processing instance."),
    ("EnableInterContainerTrafficEncryption", "Encrypt traffic between instances of a distributed job; it can slow training."),
    ("EnableManagedSpotTraining", "Train on spot capacity for a lower price; needs a maximum wait time."),
    ("EnableNetworkIsolation", "Block all network access from the training container, apart from its data and output."),
    ("Environment", "Environment variables set in the training container. Do not put secrets here."),
    ("ExperimentConfig", "Associates the job with a SageMaker experiment, trial and run."),
    ("ExperimentConfig.ExperimentName", "An existing experiment to add this job to."),
    ("ExperimentConfig.RunName", "The experiment run to record this job under."),
    ("ExperimentConfig.TrialComponentDisplayName", "The name shown for this job's trial component."),
    ("ExperimentConfig.TrialName", "An existing trial to add this job to."),
    ("HyperParameters", "Names and values passed to the training container as strings. Do not put secrets here."),
    ("InfraCheckConfig", "Health checks of the cluster before training starts."),
    ("InfraCheckConfig.EnableInfraCheck", "Run infrastructure health checks on the instances first."),
    ("InputDataConfig", "The named inputs of the job, such as train and validation."),
    ("InputDataConfig.ChannelName", "The name the container sees the data under, such as train or validation."),
    ("InputDataConfig.CompressionType", "Gzip if the objects are compressed (Pipe mode only), otherwise None."),
    ("InputDataConfig.ContentType", "The MIME type of the data, such as text/csv; some algorithms need it."),
    ("InputDataConfig.DataSource", "Where the channel's data comes from: S3, a file system, or a dataset."),
    ("InputDataConfig.DataSource.DatasetSource", "A dataset from SageMaker's hub."),
    ("InputDataConfig.DataSource.DatasetSource.DatasetArn", "The ARN of the dataset to read."),
    ("InputDataConfig.DataSource.FileSystemDataSource", "An FSx for Lustre or EFS file system reached through your VPC."),
    ("InputDataConfig.DataSource.FileSystemDataSource.DirectoryPath", "The folder on the file system that holds the data, such as /fsx/train."),
    ("InputDataConfig.DataSource.FileSystemDataSource.FileSystemAccessMode", "ro to read only, rw to read and write."),
    ("InputDataConfig.DataSource.FileSystemDataSource.FileSystemId", "The file system's id, such as fs-0123456789abcdef0."),
    ("InputDataConfig.DataSource.FileSystemDataSource.FileSystemType", "FSxLustre or EFS."),
    ("InputDataConfig.DataSource.S3DataSource", "Objects in Amazon S3."),
    ("InputDataConfig.DataSource.S3DataSource.AttributeNames", "For an augmented manifest: the attributes to pass to the container, in order."),
    ("InputDataConfig.DataSource.S3DataSource.HubAccessConfig", "Access to a model in a SageMaker hub."),
    ("InputDataConfig.DataSource.S3DataSource.HubAccessConfig.HubContentArn", "The ARN of the hub content (a model) to read."),
    ("InputDataConfig.DataSource.S3DataSource.InstanceGroupNames", "With instance groups: which groups read this channel."),
    ("InputDataConfig.DataSource.S3DataSource.ModelAccessConfig", "Terms for reading a gated model."),
    ("InputDataConfig.DataSource.S3DataSource.ModelAccessConfig.AcceptEula", "Accept the model's end-user license agreement."),
    ("InputDataConfig.DataSource.S3DataSource.S3DataDistributionType", "FullyReplicated copies all data to every instance; ShardedByS3Key splits it between them."),
    ("InputDataConfig.DataSource.S3DataSource.S3DataType", "S3Prefix takes every object under the URI; a manifest lists the objects to read."),
    ("InputDataConfig.DataSource.S3DataSource.S3Uri", "Where the channel's data is, as s3://bucket/prefix."),
    ("InputDataConfig.InputMode", "Overrides the job's input mode for this channel."),
    ("InputDataConfig.RecordWrapperType", "RecordIO wraps each record for algorithms that expect it; None leaves data as is."),
    ("InputDataConfig.ShuffleConfig", "Shuffles the S3 objects between epochs in Pipe mode."),
    ("InputDataConfig.ShuffleConfig.Seed", "The seed for the shuffle, so that runs can be repeated."),
    ("MlflowConfig", "Logs the job to a SageMaker managed MLflow tracking server or app."),
    ("MlflowConfig.MlflowExperimentName", "The MLflow experiment to log to."),
    ("MlflowConfig.MlflowResourceArn", "The ARN of the MLflow tracking server or app."),
    ("MlflowConfig.MlflowRunName", "The MLflow run name."),
    ("ModelPackageConfig", "Registers the trained model as a version in a model package group."),
    ("ModelPackageConfig.ModelPackageGroupArn", "The model package group to register the model in."),
    ("ModelPackageConfig.SourceModelPackageArn", "The model package this job starts from, if any."),
    ("OutputDataConfig", "Where SageMaker writes the model artifacts."),
    ("OutputDataConfig.CompressionType", "GZIP compresses the model artifacts; NONE leaves them as they are."),
    ("OutputDataConfig.KmsKeyId", "A KMS key (id, alias or ARN) to encrypt the artifacts with."),
    ("OutputDataConfig.S3OutputPath", "Where SageMaker writes the model artifacts, as s3://bucket/prefix."),
    ("ProfilerConfig", "Settings for SageMaker Profiler, which records system and framework metrics."),
    ("ProfilerConfig.DisableProfiler", "Turn off the profiler, which is on by default for some frameworks."),
    ("ProfilerConfig.ProfilingIntervalInMilliseconds", "How often system metrics are sampled, in milliseconds."),
    ("ProfilerConfig.ProfilingParameters", "Framework profiling settings, such as DataloaderProfilingConfig."),
    ("ProfilerConfig.S3OutputPath", "The S3 location for profiling data."),
    ("ProfilerRuleConfigurations", "Profiler rules that watch for problems such as low GPU utilization."),
    ("ProfilerRuleConfigurations.InstanceType", "The processing instance type that evaluates the rule."),
    ("ProfilerRuleConfigurations.LocalPath", "The folder in the rule container for its output."),
    ("ProfilerRuleConfigurations.RuleConfigurationName", "A name for this rule configuration, unique in the job."),
    ("ProfilerRuleConfigurations.RuleEvaluatorImage", "The image that evaluates the rule."),
    ("ProfilerRuleConfigurations.RuleParameters", "Parameters of the rule, such as rule_to_invoke."),
    ("ProfilerRuleConfigurations.S3OutputPath", "The S3 location for the rule's output."),
    ("ProfilerRuleConfigurations.VolumeSizeInGB", "Storage for the rule's processing instance."),
    ("RemoteDebugConfig", "Lets you connect to the training container while it runs."),
    ("RemoteDebugConfig.EnableRemoteDebug", "Allow remote debugging sessions into the container."),
    ("ResourceConfig", "The instances and storage the job runs on."),
    ("ResourceConfig.InstanceCount", "How many instances; more than one needs distributed training code."),
    ("ResourceConfig.InstanceGroups", "A heterogeneous cluster: several groups of instances, each with its own type and count."),
    ("ResourceConfig.InstanceGroups.InstanceCount", "How many instances in this group."),
    ("ResourceConfig.InstanceGroups.InstanceGroupName", "A name for the group, which channels can refer to."),
    ("ResourceConfig.InstanceGroups.InstanceType", "The instance type of this group."),
    ("ResourceConfig.InstancePlacementConfig", "How instances are placed on UltraServers."),
    ("ResourceConfig.InstancePlacementConfig.EnableMultipleJobs", "Allow several jobs to share the same UltraServers."),
    ("ResourceConfig.InstancePlacementConfig.PlacementSpecifications", "How many instances to place on each UltraServer."),
    ("ResourceConfig.InstancePlacementConfig.PlacementSpecifications.InstanceCount", "How many instances on this UltraServer."),
    ("ResourceConfig.InstancePlacementConfig.PlacementSpecifications.UltraServerId", "The UltraServer to place them on."),
    ("ResourceConfig.InstancePreferences", "Instance types to try in order of preference when capacity is short."),
    ("ResourceConfig.InstancePreferences.InstanceCount", "How many instances of this type."),
    ("ResourceConfig.InstancePreferences.InstanceType", "An instance type SageMaker may use."),
    ("ResourceConfig.InstancePreferences.TrainingPlanArns", "Training plans whose capacity this preference may use."),
    ("ResourceConfig.InstanceType", "The ML instance type to train on."),
    ("ResourceConfig.KeepAlivePeriodInSeconds", "Keeps the instances warm after the job for reuse by the next job (a warm pool)."),
    ("ResourceConfig.SelectedInstanceCount", "The instance count chosen from the preferences; normally left to SageMaker."),
    ("ResourceConfig.SelectedInstanceType", "The instance type chosen from the preferences; normally left to SageMaker."),
    ("ResourceConfig.TrainingPlanArn", "A training plan whose reserved capacity the job runs on."),
    ("ResourceConfig.VolumeKmsKeyId", "A KMS key to encrypt the instances' storage volumes."),
    ("ResourceConfig.VolumeSizeInGB", "Storage attached to each instance, for data in File mode and for checkpoints."),
    ("RetryStrategy", "Retries the job after an internal failure."),
    ("RetryStrategy.MaximumRetryAttempts", "How many times SageMaker retries the job after an internal failure."),
    ("RoleArn", "The IAM role SageMaker assumes to read data, pull the image and write results."),
    ("ServerlessJobConfig", "A serverless job that fine-tunes or evaluates a foundation model; SageMaker picks the compute."),
    ("ServerlessJobConfig.AcceptEula", "Accept the base model's end-user license agreement."),
    ("ServerlessJobConfig.BaseModelArn", "The hub content ARN of the model to customize."),
    ("ServerlessJobConfig.CustomizationTechnique", "How the model is customized, such as supervised fine-tuning."),
    ("ServerlessJobConfig.EvaluationType", "For an evaluation job: what kind of evaluation to run."),
    ("ServerlessJobConfig.EvaluatorArn", "The evaluator to use for an evaluation job."),
    ("ServerlessJobConfig.JobType", "Whether the job fine-tunes or evaluates the model."),
    ("ServerlessJobConfig.Peft", "The parameter-efficient fine-tuning method, such as LoRA."),
    ("ServerlessJobConfig.SequenceLength", "The sequence length to train with, such as 4K."),
    ("SessionChainingConfig", "Passes session tags through role chaining in the job."),
    ("SessionChainingConfig.EnableSessionTagChaining", "Keep the caller's session tags when the job assumes further roles."),
    ("StoppingCondition", "Limits on how long the job may run and wait."),
    ("StoppingCondition.MaxPendingTimeInSeconds", "How long the job may wait for capacity before it fails."),
    ("StoppingCondition.MaxRuntimeInSeconds", "SageMaker stops the job after this long; 86400 is one day."),
    ("StoppingCondition.MaxWaitTimeInSeconds", "For spot training: the runtime plus how long to wait for spot capacity."),
    ("Tags", "Labels for cost allocation and access control."),
    ("Tags.Key", "The tag's name; keys starting with aws: are reserved."),
    ("Tags.Value", "The tag's value; may be empty."),
    ("TensorBoardOutputConfig", "Writes TensorBoard data to S3 during training."),
    ("TensorBoardOutputConfig.LocalPath", "The folder in the container where TensorBoard data is written."),
    ("TensorBoardOutputConfig.S3OutputPath", "The S3 location for TensorBoard data."),
    ("TrainingJobName", "Unique in your account and region. Letters, digits and hyphens; no hyphen at either end."),
    ("VpcConfig", "Runs the job in your VPC, for private data sources and network control."),
    ("VpcConfig.SecurityGroupIds", "Security groups for the job's network interfaces, such as sg-0123abcd."),
    ("VpcConfig.Subnets", "Subnets to run in, such as subnet-0123abcd; pick several zones for capacity."),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every member reachable from the request, as an index-free path.
    fn member_paths(id: crate::core::catalogue::ShapeId, path: &str, out: &mut Vec<String>) {
        use crate::core::catalogue::{shape, Kind};
        for m in shape(id).members() {
            let p = if path.is_empty() { m.name.to_string() } else { format!("{path}.{}", m.name) };
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
        assert_eq!(HELP.len(), paths.len(), "help for a member that no longer exists");
    }

    #[test]
    fn labels_read_as_words() {
        assert_eq!(label("MaxRuntimeInSeconds"), "Max runtime in seconds");
        assert_eq!(label("VolumeSizeInGB"), "Volume size in GB");
        assert_eq!(label("S3Uri"), "S3 URI");
        assert_eq!(label("KmsKeyId"), "KMS key ID");
        assert_eq!(label("SecurityGroupIds"), "Security group IDs");
        assert_eq!(label("MlflowResourceArn"), "MLflow resource ARN");
        assert_eq!(label("EnableSageMakerMetricsTimeSeries"), "Enable SageMaker metrics time series");
    }

    #[test]
    fn sorted_and_complete() {
        assert!(HELP.windows(2).all(|w| w[0].0 < w[1].0), "keep HELP sorted by path");
        assert_eq!(help("ResourceConfig.InstanceType"), "The ML instance type to train on.");
        assert_eq!(help("Nope"), "");
    }
}
