//! The image picker (behaviour §10): a built-in algorithm or framework, its version, and for
//! frameworks the Python version and processor, written into TrainingImage as the exact URI for
//! the Submit region. The algorithm worker resolves the choices (newest version, the instance
//! type's processor until the user picks one) and builds the URI; this only shows them and
//! records what the user picks in [`Studio::picked`]. It follows the image in the form, and
//! offers to rewrite it when the region changes.

use leptos::prelude::*;

use super::Studio;
use crate::core::path::FormPath;
use crate::core::protocol::algorithm::{Choice, PickerPart};

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
    let uri = move || studio.image_facts.with(|f| f.picker_uri());
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
    let rewrite = move || studio.image_facts.with(|f| Some((f.rewrite()?, f.recognised()?.region)));
    let select = move |part: PickerPart, label: &'static str| {
        view! {
            <label>
                {label}
                <select data-picker-part=part.hook()
                    on:change=move |ev| studio.picked.update(|p| *p = p.choose(part, event_target_value(&ev)))>
                    {move || studio.image_facts.with(|f| options(part, f.picker_choices(part), f.picker_value(part)))}
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
                } else if !studio.image_facts.with(|f| f.answered()) {
                    view! { <p class="hint" aria-busy="true">"Loading the algorithm catalogue…"</p> }.into_any()
                } else {
                    ().into_any()
                }
            }}
            <div class="picker-parts">
                {select(PickerPart::Algorithm, "Algorithm or framework")}
                {select(PickerPart::Version, "Version")}
                {move || studio.image_facts.with(|f| f.picker_is_framework())
                    .then(|| (select(PickerPart::Python, "Python"), select(PickerPart::Processor, "Processor")))}
            </div>
            <p class="picker-uri">
                <code data-picker="uri">{move || uri().unwrap_or_default()}</code>
                <span class="hint">
                    {move || match (uri().is_some(), studio.image_facts.with(|f| f.picker_value(PickerPart::Algorithm).is_empty())) {
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

/// The options of one picker part, `picked` selected: the algorithms grouped as built-in
/// algorithms and frameworks, the other parts as they come.
fn options(part: PickerPart, choices: Vec<Choice>, picked: String) -> impl IntoView {
    let option = move |value: &str, label: &str| {
        view! { <option value=value.to_string() selected=picked == value>{label.to_string()}</option> }
    };
    if part == PickerPart::Algorithm {
        let group = |built_in: bool, label: &'static str| {
            let members: Vec<_> =
                choices.iter().filter(|c| c.built_in == built_in).map(|c| option(&c.value, &c.label)).collect();
            view! { <optgroup label=label>{members}</optgroup> }
        };
        let none = option("", "Choose…");
        return (none, group(true, "Built-in algorithms"), group(false, "Frameworks (run your script)")).into_any();
    }
    choices.iter().map(|c| option(&c.value, &c.label)).collect_view().into_any()
}
