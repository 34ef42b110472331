//! Typed hyperparameter controls (SPEC S10): for a built-in algorithm the catalogue knows, each of
//! its hyperparameters gets a control above the free rows, with its range or allowed values, a
//! mark when it is required, its default as a placeholder and a line of help. The body stays
//! the plain string map: a control edits the row of its name, adding it on the first character
//! and removing it when emptied.

use leptos::prelude::*;

use super::algorithms::Algorithms;
use super::field::Messages;
use super::{dom_id, Studio};
use crate::core::algorithm::{Hyperparameter, HyperparameterKind};
use crate::core::draft::Draft;

const MAP: &str = "HyperParameters";

/// The algorithm whose hyperparameters have typed controls, and those hyperparameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    /// How people call the algorithm: `XGBoost`.
    pub algorithm: String,
    pub hyperparameters: Vec<Hyperparameter>,
}

impl Typed {
    /// Whether a row named `key` is shown by a typed control rather than as a free row.
    pub fn covers(&self, key: &str) -> bool {
        self.hyperparameters.iter().any(|h| h.name == key)
    }
}

/// What the typed controls show, following the training image; `None` when it is not a built-in
/// algorithm the catalogue knows, or when it runs a script of the user's (XGBoost's script mode),
/// which reads hyperparameters of its own.
pub fn typed_memo(draft: RwSignal<Draft>, algorithms: Algorithms) -> Memo<Option<Typed>> {
    let source = Memo::new(move |_| {
        draft.with(|d| {
            (d.text("AlgorithmSpecification.TrainingImage"), d.row_named(MAP, "sagemaker_program").is_some())
        })
    });
    Memo::new(move |_| {
        let (image, script) = source.get();
        if image.trim().is_empty() || script {
            return None;
        }
        let catalogue = algorithms.get()?;
        let (accepts, profile) = catalogue.built_in(&image)?;
        // Required ones first; names SageMaker itself sets (`_tuning_objective_metric`) or the
        // SDK adds (`sagemaker_*`) are left to the free rows.
        let (mut hyperparameters, rest): (Vec<_>, Vec<_>) = accepts
            .hyperparameters_for(profile)
            .filter(|h| !h.name.starts_with('_') && !h.name.starts_with("sagemaker_"))
            .cloned()
            .partition(|h| h.required);
        hyperparameters.extend(rest);
        Some(Typed { algorithm: accepts.name.clone(), hyperparameters })
    })
}

/// The typed controls, above the free rows of the hyperparameters section.
#[component]
pub fn TypedHyperparameters() -> impl IntoView {
    let studio = expect_context::<Studio>();
    move || {
        studio.typed_hyperparameters.get().map(|typed| {
            let count = typed.hyperparameters.len();
            view! {
                <div class="typed-hyperparameters" data-typed-for=typed.algorithm.clone()>
                    <p class="hint">
                        {format!("{} reads these {count} hyperparameters. Anything else goes in the rows below.", typed.algorithm)}
                    </p>
                    <div class="typed-grid">
                        {typed.hyperparameters.into_iter().map(|spec| view! { <HyperparameterControl spec=spec/> }).collect_view()}
                    </div>
                </div>
            }
        })
    }
}

/// One hyperparameter's control.
#[component]
fn HyperparameterControl(
    /// The hyperparameter, as the algorithm's table describes it.
    spec: Hyperparameter,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let name = StoredValue::new(spec.name.clone());
    let row = Memo::new(move |_| studio.draft.with(|d| d.row_named(MAP, &name.read_value())));
    let value_path = move || row.get().map(|i| format!("{MAP}[{i}].value"));
    let value = Memo::new(move |_| {
        let path = value_path();
        studio.draft.with(|d| path.map(|p| d.text(&p)).unwrap_or_default())
    });
    let write = move |text: String| studio.edit(|d| d.set_named(MAP, &name.read_value(), &text));
    let control_id = dom_id("hyperparameter", &spec.name);
    let help_id = dom_id("hyperparameter-help", &spec.name);
    let described_by = move || {
        let messages = value_path().map(|p| dom_id("messages", &p)).unwrap_or_default();
        format!("{messages} {help_id}")
    };
    // A missing required one is reported on the map as a whole; it is shown here too.
    let map_messages = studio.messages.at(MAP);
    let missing_name = spec.name.clone();
    let missing = Memo::new(move |_| {
        map_messages.with(|ps| {
            ps.iter()
                .find(|p| p.code == "algorithm.hyperparameter-required" && names(&p.message, &missing_name))
                .map(|p| p.message.clone())
        })
    });
    let invalid = Memo::new(move |_| {
        missing.with(Option::is_some)
            || value_path().is_some_and(|p| {
                studio.messages.at(&p).with(|ps| ps.iter().any(|p| p.severity == crate::core::problem::Severity::Error))
            })
    });
    let placeholder = spec.default.clone().map(|d| format!("default {d}")).unwrap_or_default();
    let hint = match spec.kind {
        HyperparameterKind::Text | HyperparameterKind::Categorical => String::new(),
        _ => spec.expectation(),
    };
    let control = match spec.kind {
        HyperparameterKind::Categorical => {
            let values = spec.values.clone();
            let unset = match &spec.default {
                Some(d) => format!("(not set: default {d})"),
                None => "(not set)".into(),
            };
            view! {
                <select id=control_id.clone() data-hyperparameter=spec.name.clone() data-path=value_path
                    aria-describedby=described_by aria-invalid=move || invalid.get().to_string()
                    on:change=move |ev| write(event_target_value(&ev))>
                    <option value="" selected=move || value.with(String::is_empty)>{unset}</option>
                    {move || {
                        let current = value.get();
                        (!current.is_empty() && !values.iter().any(|v| v.eq_ignore_ascii_case(current.trim()))).then(|| {
                            view! { <option value=current.clone() selected=true>{format!("{current} (not allowed)")}</option> }
                        })
                    }}
                    {spec.values.iter().map(|v| {
                        let selected = v.clone();
                        view! { <option value=v.clone() selected=move || value.with(|c| c.trim().eq_ignore_ascii_case(&selected))>{v.clone()}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        kind => view! {
            <input id=control_id.clone() type="text" autocomplete="off" spellcheck="false"
                inputmode=if kind == HyperparameterKind::Integer { "numeric" } else if kind == HyperparameterKind::Continuous { "decimal" } else { "text" }
                data-hyperparameter=spec.name.clone() data-path=value_path placeholder=placeholder
                aria-describedby=described_by aria-invalid=move || invalid.get().to_string()
                prop:value=move || value.get() on:input=move |ev| write(event_target_value(&ev))/>
        }
        .into_any(),
    };
    view! {
        <div class="field typed" class:invalid=move || invalid.get()>
            <label for=control_id>
                <code>{spec.name.clone()}</code>
                {spec.required.then(|| view! { <span class="required">" (required)"</span> })}
            </label>
            {control}
            <div class="hint" id=help_id.clone()>
                <span>{spec.help.clone()}</span>
                " "
                <span class="constraints">{hint}</span>
            </div>
            {move || missing.get().map(|message| view! {
                <p class="problem error" data-code="algorithm.hyperparameter-required">{message}</p>
            })}
            {move || value_path().map(|p| view! { <Messages path=p.clone() id=dom_id("messages", &p)/> })}
        </div>
    }
}

/// Whether a "needs <name>" message is about `name`.
fn names(message: &str, name: &str) -> bool {
    message
        .split_once(" needs ")
        .is_some_and(|(_, rest)| rest.strip_prefix(name).is_some_and(|after| after.starts_with([' ', ',', '.'])))
}
