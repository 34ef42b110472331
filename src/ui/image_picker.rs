//! The image picker (SPEC S10): a built-in algorithm or framework, its version, and for
//! frameworks the Python version and processor, written into TrainingImage as the exact URI for
//! the Submit region. It follows the image in the form, and offers to rewrite it when the region
//! changes.

use leptos::prelude::*;

use super::Studio;
use crate::core::algorithm::{Catalogue, ImageKind, Processor};

const TRAINING_IMAGE: &str = "AlgorithmSpecification.TrainingImage";
const INPUT_MODE: &str = "AlgorithmSpecification.TrainingInputMode";

/// What the user has picked so far.
#[derive(Clone, Copy)]
struct Picked {
    algorithm: RwSignal<String>,
    version: RwSignal<String>,
    py: RwSignal<String>,
    processor: RwSignal<String>,
    /// The user chose the processor; until then it follows the instance type.
    processor_chosen: RwSignal<bool>,
}

/// The picker, above the algorithm section's fields.
#[component]
pub fn ImagePicker() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let picked = Picked {
        algorithm: RwSignal::new(String::new()),
        version: RwSignal::new(String::new()),
        py: RwSignal::new(String::new()),
        processor: RwSignal::new(String::new()),
        processor_chosen: RwSignal::new(false),
    };
    let image = Memo::new(move |_| studio.draft.with(|d| d.text(TRAINING_IMAGE)));
    let instance_type = Memo::new(move |_| studio.draft.with(|d| d.text("ResourceConfig.InstanceType")));
    let catalogue = move || studio.algorithms.get();

    // The picker shows the image in the form whenever the catalogue knows it.
    Effect::new(move |_| {
        let Some(catalogue) = catalogue() else { return };
        image.with(|uri| {
            let Some(known) = catalogue.recognise(uri) else { return };
            picked.algorithm.set(known.image.key.clone());
            if let Some(version) = known.version {
                picked.version.set(version.key.clone());
            }
            if let Some(py) = known.py {
                picked.py.set(py.to_string());
            }
            if let Some(processor) = known.processor {
                picked.processor.set(processor.to_string());
            }
        });
    });
    // Until the user picks one, the processor follows the instance type.
    Effect::new(move |_| {
        let Some(catalogue) = catalogue() else { return };
        let has = instance_type.with(|t| catalogue.processor_of(t));
        if picked.processor_chosen.get() {
            return;
        }
        let wanted = match has {
            Some(Processor::Gpu) => "gpu",
            _ => "cpu",
        };
        if offered(&catalogue, picked).1.iter().any(|p| p == wanted) {
            picked.processor.set(wanted.to_string());
        }
    });

    let uri = Memo::new(move |_| {
        let catalogue = catalogue()?;
        let (py, processor) = (picked.py.get(), picked.processor.get());
        catalogue.image_uri(
            &picked.algorithm.get(),
            &picked.version.get(),
            &studio.region.get(),
            (!processor.is_empty()).then_some(processor.as_str()),
            (!py.is_empty()).then_some(py.as_str()),
        )
    });
    let use_image = move |_| {
        let Some(uri) = uri.get_untracked() else { return };
        studio.change_layout(|d| {
            d.set_text(TRAINING_IMAGE, uri);
            // The mode is required; File is what every image reads.
            if d.text(INPUT_MODE).is_empty() {
                d.set_text(INPUT_MODE, "File");
            }
        });
    };
    // An image from another region's registry cannot be pulled: offer the same image there.
    let rewrite = Memo::new(move |_| {
        let catalogue = catalogue()?;
        let region = studio.region.get();
        image.with(|uri| {
            let known = catalogue.recognise(uri)?;
            (known.region != region).then(|| catalogue.rewrite_for_region(uri, &region)).flatten()
        })
    });

    view! {
        <fieldset class="image-picker" data-picker="image">
            <legend>"Pick a SageMaker image"</legend>
            {move || match (catalogue(), studio.algorithms.failure()) {
                (_, Some(message)) => view! { <p class="problem error">{message}</p> }.into_any(),
                (None, None) => view! { <p class="hint" aria-busy="true">"Loading the algorithm catalogue…"</p> }.into_any(),
                (Some(catalogue), None) => parts(catalogue, picked).into_any(),
            }}
            <p class="picker-uri">
                {move || match uri.get() {
                    Some(uri) => view! { <code data-picker="uri">{uri}</code> }.into_any(),
                    None if picked.algorithm.with(String::is_empty) => {
                        view! { <span class="hint">"Choose an algorithm or framework to get its image URI for the Submit region."</span> }.into_any()
                    }
                    None => view! {
                        <span class="hint">{move || format!("This version is not offered in {}.", studio.region.get())}</span>
                    }.into_any(),
                }}
            </p>
            <button type="button" data-action="use-image" disabled=move || uri.with(Option::is_none) on:click=use_image>
                "Use this image"
            </button>
            {move || rewrite.get().map(|new_uri| {
                let region = studio.region.get_untracked();
                let shown = new_uri.clone();
                view! {
                    <div class="region-offer" role="status">
                        <p>{format!("The training image is in another region than {region}, where the job is submitted. The same image in {region}:")}</p>
                        <code>{shown}</code>
                        <button type="button" data-action="rewrite-image"
                            on:click=move |_| studio.change_layout(|d| d.set_text(TRAINING_IMAGE, new_uri.clone()))>
                            {format!("Rewrite the image for {region}")}
                        </button>
                    </div>
                }
            })}
        </fieldset>
    }
}

/// The Python versions and processors the picked version offers.
fn offered(catalogue: &Catalogue, picked: Picked) -> (Vec<String>, Vec<String>) {
    let Some(image) = catalogue.image(&picked.algorithm.get_untracked()) else { return Default::default() };
    let version = picked.version.get_untracked();
    let mut py = Vec::new();
    let mut processors = Vec::new();
    for v in image.versions.iter().filter(|v| v.key == version) {
        py.extend(v.py.iter().filter(|p| !py.contains(*p)).cloned().collect::<Vec<_>>());
        processors.extend(v.processors.iter().filter(|p| !processors.contains(*p)).cloned().collect::<Vec<_>>());
    }
    (py, processors)
}

/// The picker's selects.
fn parts(catalogue: std::sync::Arc<Catalogue>, picked: Picked) -> impl IntoView {
    let group = |kind: ImageKind| {
        catalogue
            .images
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| {
                let key = i.key.clone();
                let selected = key.clone();
                view! {
                    <option value=key.clone() selected=move || picked.algorithm.with(|a| *a == selected)>
                        {catalogue.display_name(&key).to_string()}
                    </option>
                }
            })
            .collect_view()
    };
    let choose_algorithm = {
        let catalogue = catalogue.clone();
        move |key: String| {
            let newest = catalogue.image(&key).and_then(|i| i.versions.last()).map(|v| v.key.clone()).unwrap_or_default();
            picked.algorithm.set(key);
            choose_version(&catalogue, picked, newest);
        }
    };
    let versions = {
        let catalogue = catalogue.clone();
        move || {
            let image = catalogue.image(&picked.algorithm.get())?;
            let mut keys: Vec<String> = image.versions.iter().rev().map(|v| v.key.clone()).collect();
            keys.dedup();
            Some(
                keys.into_iter()
                    .map(|key| {
                        let selected = key.clone();
                        view! { <option value=key.clone() selected=move || picked.version.with(|v| *v == selected)>{key}</option> }
                    })
                    .collect_view(),
            )
        }
    };
    let is_framework = {
        let catalogue = catalogue.clone();
        move || catalogue.image(&picked.algorithm.get()).is_some_and(|i| i.kind == ImageKind::Framework)
    };
    let choose = {
        let catalogue = catalogue.clone();
        move |version: String| choose_version(&catalogue, picked, version)
    };
    let options_of = {
        let catalogue = catalogue.clone();
        move |which: fn(&(Vec<String>, Vec<String>)) -> &Vec<String>, current: RwSignal<String>| {
            picked.version.track();
            let offered = offered(&catalogue, picked);
            which(&offered)
                .iter()
                .map(|value| {
                    let selected = value.clone();
                    view! { <option value=value.clone() selected=move || current.with(|c| *c == selected)>{value.clone()}</option> }
                })
                .collect_view()
        }
    };
    let py_options = {
        let options_of = options_of.clone();
        move || options_of(|o| &o.0, picked.py)
    };
    let processor_options = move || options_of(|o| &o.1, picked.processor);
    view! {
        <div class="picker-parts">
            <label>
                "Algorithm or framework"
                <select data-picker-part="algorithm" on:change=move |ev| choose_algorithm(event_target_value(&ev))>
                    <option value="" selected=move || picked.algorithm.with(String::is_empty)>"Choose…"</option>
                    <optgroup label="Built-in algorithms">{group(ImageKind::BuiltIn)}</optgroup>
                    <optgroup label="Frameworks (run your script)">{group(ImageKind::Framework)}</optgroup>
                </select>
            </label>
            <label>
                "Version"
                <select data-picker-part="version" on:change=move |ev| choose(event_target_value(&ev))>{versions}</select>
            </label>
            {move || is_framework().then(|| view! {
                <label>
                    "Python"
                    <select data-picker-part="py" on:change=move |ev| picked.py.set(event_target_value(&ev))>{py_options.clone()}</select>
                </label>
                <label>
                    "Processor"
                    <select data-picker-part="processor" on:change=move |ev| {
                        picked.processor_chosen.set(true);
                        picked.processor.set(event_target_value(&ev));
                    }>{processor_options.clone()}</select>
                </label>
            })}
        </div>
    }
}

/// Picks a version, keeping the Python version and processor where it offers them.
fn choose_version(catalogue: &Catalogue, picked: Picked, version: String) {
    picked.version.set(version);
    let (py, processors) = offered(catalogue, picked);
    if !py.contains(&picked.py.get_untracked()) {
        picked.py.set(py.first().cloned().unwrap_or_default());
    }
    if !processors.contains(&picked.processor.get_untracked()) {
        picked.processor.set(processors.first().cloned().unwrap_or_default());
    }
}
