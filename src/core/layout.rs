//! The form's layout: which top-level members go in which section, and in what order. Everything
//! inside a member (its type, limits and widget) comes from the catalogue.

/// A section of the form.
pub struct Section {
    /// Its id, as its element's `data-section` hook.
    pub id: &'static str,
    /// Its heading.
    pub title: &'static str,
    /// Top-level members shown here, in this order.
    pub members: &'static [&'static str],
}

/// The sections, in the order the form shows them; every top-level member is in exactly one.
pub const SECTIONS: &[Section] = &[
    Section { id: "job", title: "Job", members: &["TrainingJobName", "RoleArn"] },
    Section { id: "algorithm", title: "Algorithm and container", members: &["AlgorithmSpecification"] },
    Section { id: "hyperparameters", title: "Hyperparameters", members: &["HyperParameters"] },
    Section { id: "input", title: "Input data", members: &["InputDataConfig"] },
    Section { id: "output", title: "Output", members: &["OutputDataConfig"] },
    Section { id: "compute", title: "Compute resources", members: &["ResourceConfig"] },
    Section {
        id: "network",
        title: "Network and security",
        members: &[
            "VpcConfig",
            "EnableNetworkIsolation",
            "EnableInterContainerTrafficEncryption",
            "SessionChainingConfig",
        ],
    },
    Section { id: "stopping", title: "Stopping and retries", members: &["StoppingCondition", "RetryStrategy"] },
    Section {
        id: "checkpoints",
        title: "Spot training and checkpoints",
        members: &["EnableManagedSpotTraining", "CheckpointConfig"],
    },
    Section {
        id: "debugger",
        title: "Debugger and profiler",
        members: &[
            "DebugHookConfig",
            "DebugRuleConfigurations",
            "TensorBoardOutputConfig",
            "ProfilerConfig",
            "ProfilerRuleConfigurations",
            "RemoteDebugConfig",
            "InfraCheckConfig",
        ],
    },
    Section { id: "experiments", title: "Experiments and MLflow", members: &["ExperimentConfig", "MlflowConfig"] },
    Section { id: "environment", title: "Environment", members: &["Environment"] },
    Section { id: "tags", title: "Tags", members: &["Tags"] },
    Section {
        id: "serverless",
        title: "Serverless and model package",
        members: &["ServerlessJobConfig", "ModelPackageConfig"],
    },
];

/// The id of the section that shows top-level member `name`: its own, or for a member the model
/// does not have (an imported `trainingJobName`), the section of the member it matches ignoring
/// case, else the first section, so that it is always shown somewhere it can be removed.
pub fn section_for(name: &str) -> &'static str {
    let holds = |matches: &dyn Fn(&str) -> bool| SECTIONS.iter().find(|s| s.members.iter().any(|m| matches(m)));
    holds(&|m| m == name).or_else(|| holds(&|m| m.eq_ignore_ascii_case(name))).unwrap_or(&SECTIONS[0]).id
}

/// Whether `problem` is held back because its section is still quiet: on a form that started
/// empty, a missing required member is not flagged until the user has typed in its section or
/// asked to submit, so that a new form does not open covered in errors.
pub fn held_back(problem: &super::problem::Problem, quiet_sections: &[&str]) -> bool {
    matches!(problem.code, "required" | "rule.required-unless-serverless")
        && quiet_sections.contains(&section_for(super::path::top_member(&problem.path)))
}
