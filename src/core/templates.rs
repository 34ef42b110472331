//! Starting points a user would want, each a valid request (a test checks it). The requests are
//! files in `templates/`: the browser fetches one when the user loads it (`templates/<id>.json`
//! beside the app), so they stay out of the first load.

/// (id, title); the request is `templates/<id>.json`.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("xgboost-csv", "Built-in XGBoost on CSV in S3"),
    ("custom-spot-checkpoints", "Custom container with managed spot training and checkpoints"),
    ("heterogeneous-cluster", "Heterogeneous cluster with instance groups"),
    ("fsx-lustre-vpc", "FSx for Lustre input in a VPC"),
    ("serverless-fine-tuning", "Serverless fine-tuning of a foundation model"),
];

/// Where the browser fetches the template `id`.
pub fn template_url(id: &str) -> String {
    format!("templates/{id}.json")
}
