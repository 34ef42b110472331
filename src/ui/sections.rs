//! The form's sections: which members go where, with our own labels and help text. Types and
//! limits come from the catalogue, never from here.

use leptos::prelude::*;

use super::field::Field;
use super::map_rows::MapRows;
use super::Studio;

/// (path, label, help)
type FieldSpec = (&'static str, &'static str, &'static str);

struct Section {
    id: &'static str,
    title: &'static str,
    /// Problem paths that start with one of these belong to the section (for its count).
    prefixes: &'static [&'static str],
    fields: &'static [FieldSpec],
}

const SECTIONS: &[Section] = &[
    Section {
        id: "job",
        title: "Job",
        prefixes: &["TrainingJobName", "RoleArn"],
        fields: &[
            (
                "TrainingJobName",
                "Training job name",
                "Unique in your account and region. Letters, digits and hyphens; no hyphen at either end.",
            ),
            (
                "RoleArn",
                "Execution role ARN",
                "The IAM role SageMaker assumes to read data, pull the image and write results.",
            ),
        ],
    },
    Section {
        id: "algorithm",
        title: "Algorithm and container",
        prefixes: &["AlgorithmSpecification"],
        fields: &[
            (
                "AlgorithmSpecification.TrainingImage",
                "Training image",
                "The registry path of the Docker image that runs your training code.",
            ),
            (
                "AlgorithmSpecification.TrainingInputMode",
                "Input mode",
                "How data reaches the container: File copies it first, Pipe and FastFile stream it.",
            ),
        ],
    },
    Section { id: "hyperparameters", title: "Hyperparameters", prefixes: &["HyperParameters"], fields: &[] },
    Section {
        id: "input",
        title: "Input data",
        prefixes: &["InputDataConfig"],
        fields: &[
            (
                "InputDataConfig[0].ChannelName",
                "Channel name",
                "The name the container sees the data under, such as train or validation.",
            ),
            (
                "InputDataConfig[0].DataSource.S3DataSource.S3DataType",
                "S3 data type",
                "S3Prefix takes every object under the URI; ManifestFile lists the objects in a manifest.",
            ),
            (
                "InputDataConfig[0].DataSource.S3DataSource.S3Uri",
                "S3 URI",
                "Where the channel's data is, as s3://bucket/prefix.",
            ),
        ],
    },
    Section {
        id: "output",
        title: "Output",
        prefixes: &["OutputDataConfig"],
        fields: &[(
            "OutputDataConfig.S3OutputPath",
            "S3 output path",
            "Where SageMaker writes the model artifacts, as s3://bucket/prefix.",
        )],
    },
    Section {
        id: "compute",
        title: "Compute resources",
        prefixes: &["ResourceConfig"],
        fields: &[
            ("ResourceConfig.InstanceType", "Instance type", "The ML instance type to train on."),
            (
                "ResourceConfig.InstanceCount",
                "Instance count",
                "How many instances; more than one needs distributed training code.",
            ),
            (
                "ResourceConfig.VolumeSizeInGB",
                "Volume size (GB)",
                "Storage attached to each instance for data in File mode and for checkpoints.",
            ),
        ],
    },
    Section {
        id: "stopping",
        title: "Stopping and retries",
        prefixes: &["StoppingCondition"],
        fields: &[(
            "StoppingCondition.MaxRuntimeInSeconds",
            "Maximum runtime (seconds)",
            "SageMaker stops the job after this long; 86400 is one day.",
        )],
    },
];

#[component]
pub fn Sections() -> impl IntoView {
    SECTIONS.iter().map(|section| view! { <SectionView section=section/> }).collect_view()
}

#[component]
fn SectionView(section: &'static Section) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let count = Memo::new(move |_| {
        studio
            .problems
            .with(|ps| ps.iter().filter(|p| section.prefixes.iter().any(|prefix| p.path.starts_with(prefix))).count())
    });
    let body = if section.id == "hyperparameters" {
        view! {
            <MapRows path="HyperParameters" noun="Hyperparameter"
                help="Names and values passed to the training container as strings. Do not put secrets here."/>
        }
        .into_any()
    } else {
        section
            .fields
            .iter()
            .map(|(path, label, help)| view! { <Field path=*path label=*label help=*help/> })
            .collect_view()
            .into_any()
    };
    // <details> keeps its content (and what was typed) while collapsed.
    view! {
        <details class="section" open=true data-section=section.id>
            <summary>
                <span class="title">{section.title}</span>
                <span class=move || { if count.get() > 0 { "count has-problems" } else { "count" } } data-problem-count=move || count.get().to_string()>
                    {move || match count.get() {
                        0 => String::new(),
                        1 => "1 problem".to_string(),
                        n => format!("{n} problems"),
                    }}
                </span>
            </summary>
            {body}
        </details>
    }
}
