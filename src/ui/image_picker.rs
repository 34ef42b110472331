//! The image picker (SPEC S10): a built-in algorithm or framework, its version, and for
//! frameworks the Python version and processor, written into TrainingImage as the exact URI for
//! the Submit region. The algorithm worker resolves the choices (newest version, the instance
//! type's processor until the user picks one) and builds the URI; this only shows them and
//! records what the user picks in [`Studio::picked`]. It follows the image in the form, and
//! offers to rewrite it when the region changes.

use leptos::prelude::*;
use serde_json::Value;

use super::Studio;
use crate::core::path::FormPath;

/// The path of one of the algorithm's members, which the picker fills in.
fn algorithm_member(name: &str) -> FormPath {
    FormPath::default().child("AlgorithmSpecification").child(name)
}

/// The picker, above the algorithm section's fields.
#[component]
pub fn ImagePicker() -> impl IntoView {
    let studio = expect_context::<Studio>();
    // The picker is what first needs the worker on an empty form.
    super::algorithms::start(studio);
    // The resolved picker's `name`, or null.
    let part = move |name: &'static str| studio.image_facts.with(|f| f["picker"][name].clone());
    let uri = move || part("uri").as_str().map(str::to_string);
    let use_image = move |_| {
        let Some(uri) = uri() else { return };
        studio.change_layout(|d| {
            d.set_text(&algorithm_member("TrainingImage"), uri);
            // The mode is required; File is what every image reads.
            let input_mode = algorithm_member("TrainingInputMode");
            if d.text(&input_mode).is_empty() {
                d.set_text(&input_mode, "File");
            }
        });
    };
    let rewrite = move || {
        studio
            .image_facts
            .with(|f| Some((f["rewrite"].as_str()?.to_string(), f["recognised"]["region"].as_str()?.to_string())))
    };
    // Picking an algorithm starts from its newest version; picking a processor stops it from
    // following the instance type.
    let pick = move |name: &'static str, value: String| {
        studio.picked.update(|picked| {
            if !picked.is_object() {
                *picked = Value::Object(Default::default());
            }
            if name == "key" {
                *picked = Value::Object(Default::default());
            }
            picked[name] = Value::from(value);
            if name == "processor" {
                picked["chosen"] = Value::Bool(true);
            }
        })
    };
    let select = move |name: &'static str, label: &'static str, choices: &'static str| {
        view! {
            <label>
                {label}
                <select data-picker-part=if name == "key" { "algorithm" } else { name }
                    on:change=move |ev| pick(name, event_target_value(&ev))>
                    {move || options(part(choices), part(name))}
                </select>
            </label>
        }
    };
    view! {
        <fieldset class="image-picker" data-picker="image">
            <legend>"Pick a SageMaker image"</legend>
            {move || {
                let failure = studio.algorithms.failure();
                if !failure.is_empty() {
                    view! { <p class="problem error">{failure}</p> }.into_any()
                } else if part("images").is_null() {
                    view! { <p class="hint" aria-busy="true">"Loading the algorithm catalogue…"</p> }.into_any()
                } else {
                    ().into_any()
                }
            }}
            <div class="picker-parts">
                {select("key", "Algorithm or framework", "images")}
                {select("version", "Version", "versions")}
                {move || (part("kind") == "framework").then(|| (select("py", "Python", "pys"), select("processor", "Processor", "processors")))}
            </div>
            <p class="picker-uri">
                <code data-picker="uri">{move || uri().unwrap_or_default()}</code>
                <span class="hint">
                    {move || match (uri().is_some(), part("key").as_str().unwrap_or_default().is_empty()) {
                        (true, _) => String::new(),
                        (false, true) => "Choose an algorithm or framework to get its image URI for the Submit region.".into(),
                        (false, false) => format!("This version is not offered in {}.", studio.region.get()),
                    }}
                </span>
            </p>
            <button type="button" data-action="use-image" disabled=move || uri().is_none() on:click=use_image>
                "Use this image"
            </button>
            {move || rewrite().map(|(new_uri, image_region)| {
                let region = studio.region.get_untracked();
                let shown = new_uri.clone();
                view! {
                    <div class="region-offer" role="status">
                        <p>{format!("The training image is in {image_region}, but the job is submitted to {region}. The same image in {region}:")}</p>
                        <code>{shown}</code>
                        <button type="button" data-action="rewrite-image"
                            on:click=move |_| studio.change_layout(|d| d.set_text(&algorithm_member("TrainingImage"), new_uri.clone()))>
                            {format!("Rewrite the image for {region}")}
                        </button>
                    </div>
                }
            })}
        </fieldset>
    }
}

/// The options of one picker part: `choices` are texts, or for the algorithm objects with
/// `key`, `name` and `kind` (grouped as built-in algorithms and frameworks); `picked` is selected.
fn options(choices: Value, picked: Value) -> impl IntoView {
    let option = move |value: &str, label: &str| {
        view! { <option value=value.to_string() selected=picked == value>{label.to_string()}</option> }
    };
    let choices = choices.as_array().cloned().unwrap_or_default();
    if choices.first().is_some_and(Value::is_object) {
        let group = |kind: &str, label: &'static str| {
            let members: Vec<_> = choices
                .iter()
                .filter(|c| c["kind"] == kind)
                .map(|c| option(c["key"].as_str().unwrap_or_default(), c["name"].as_str().unwrap_or_default()))
                .collect();
            view! { <optgroup label=label>{members}</optgroup> }
        };
        let none = option("", "Choose…");
        return (none, group("built-in", "Built-in algorithms"), group("framework", "Frameworks (run your script)"))
            .into_any();
    }
    choices.iter().filter_map(Value::as_str).map(|c| option(c, c)).collect_view().into_any()
}
