//! Starting points a user would want, each a valid request (a test checks it).

/// (id, title, request JSON)
pub const TEMPLATES: &[(&str, &str, &str)] = &[
    ("xgboost-csv", "Built-in XGBoost on CSV in S3", include_str!("../../templates/xgboost-csv.json")),
    (
        "custom-spot-checkpoints",
        "Custom container with managed spot training and checkpoints",
        include_str!("../../templates/custom-spot-checkpoints.json"),
    ),
    (
        "heterogeneous-cluster",
        "Heterogeneous cluster with instance groups",
        include_str!("../../templates/heterogeneous-cluster.json"),
    ),
    ("fsx-lustre-vpc", "FSx for Lustre input in a VPC", include_str!("../../templates/fsx-lustre-vpc.json")),
    (
        "serverless-fine-tuning",
        "Serverless fine-tuning of a foundation model",
        include_str!("../../templates/serverless-fine-tuning.json"),
    ),
];
