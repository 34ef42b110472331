"""The maximum-size request of behaviour §9: 20 channels, 100 hyperparameters, 100 environment
variables, 50 tags, 20 debugger rules."""


def max_request():
    return {
        "TrainingJobName": "max-size-request",
        "HyperParameters": {f"hyperparameter_{i:03}": f"value-{i}-" + "x" * 40 for i in range(100)},
        "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1", "TrainingInputMode": "File"},
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerExecutionRole",
        "InputDataConfig": [
            {"ChannelName": f"channel-{i}", "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3Uri": f"s3://my-bucket/data/channel-{i}/", "S3DataDistributionType": "FullyReplicated"}},
             "ContentType": "text/csv"}
            for i in range(20)
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://my-bucket/output/"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
        "Tags": [{"Key": f"tag-{i}", "Value": f"value-{i}"} for i in range(50)],
        "DebugRuleConfigurations": [
            {"RuleConfigurationName": f"rule-{i}", "RuleEvaluatorImage": "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest",
             "RuleParameters": {"rule_to_invoke": "LossNotDecreasing"}}
            for i in range(20)
        ],
        "Environment": {f"ENV_{i:03}": f"value-{i}" for i in range(100)},
    }
