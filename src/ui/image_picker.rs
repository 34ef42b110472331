//! The image picker (SPEC S10): a built-in algorithm or framework, its version, and for
//! frameworks the Python version and processor, written into TrainingImage as the exact URI for
//! the Submit region. It follows the image in the form, and offers to rewrite it when the region
//! changes. What it offers and the URIs come from the algorithm worker.

use leptos::prelude::*;
use serde_json::{json, Value};

use super::Studio;

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

/// The images the worker offers (its `images` answer; null until it has answered).
type Offer = RwSignal<Value>;

/// The picker, above the algorithm section's fields.
#[component]
pub fn ImagePicker() -> impl IntoView {
    let studio = expect_context::<Studio>();
    // The picker is what first needs the worker on an empty form.
    studio.algorithms.start();
    let picked = Picked {
        algorithm: RwSignal::new(String::new()),
        version: RwSignal::new(String::new()),
        py: RwSignal::new(String::new()),
        processor: RwSignal::new(String::new()),
        processor_chosen: RwSignal::new(false),
    };
    let offer: Offer = RwSignal::new(Value::Null);
    Effect::new(move |_| {
        if studio.algorithms.ready() && offer.with_untracked(Value::is_null) {
            leptos::task::spawn_local(async move {
                if let Ok(mut images) = studio.algorithms.ask(json!({ "ask": "images" })).await {
                    offer.set(images["images"].take());
                }
            });
        }
    });
    // The picker shows the image in the form whenever the catalogue knows it.
    Effect::new(move |_| {
        studio.image_facts.with(|facts| {
            let Some(known) = facts.get("recognised").filter(|k| k.is_object()) else { return };
            for (part, signal) in [
                ("key", picked.algorithm),
                ("version", picked.version),
                ("py", picked.py),
                ("processor", picked.processor),
            ] {
                if let Some(value) = known.get(part).and_then(Value::as_str) {
                    signal.set(value.to_string());
                }
            }
        });
    });
    // Until the user picks one, the processor follows the instance type.
    Effect::new(move |_| {
        let has_gpu = studio.image_facts.with(|f| f["instance_processor"] == "gpu");
        // A newly picked version starts from the instance type's processor too.
        picked.algorithm.track();
        picked.version.track();
        offer.track();
        if picked.processor_chosen.get() {
            return;
        }
        let wanted = if has_gpu { "gpu" } else { "cpu" };
        if offered(offer, picked).1.iter().any(|p| p == wanted) {
            picked.processor.set(wanted.to_string());
        }
    });

    // Empty while the picked version is not offered in the region.
    let uri = RwSignal::new(String::new());
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let request = json!({
            "ask": "uri",
            "key": picked.algorithm.get(),
            "version": picked.version.get(),
            "region": studio.region.get(),
            "processor": picked.processor.get(),
            "py": picked.py.get(),
        });
        if !studio.algorithms.ready() {
            return;
        }
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            let reply = studio.algorithms.ask(request).await.ok();
            if asked.try_get_value() == Some(mine) {
                uri.set(reply.and_then(|r| r["uri"].as_str().map(str::to_string)).unwrap_or_default());
            }
        });
    });
    let use_image = move |_| {
        let uri = uri.get_untracked();
        if uri.is_empty() {
            return;
        }
        studio.change_layout(|d| {
            d.set_text(TRAINING_IMAGE, uri);
            // The mode is required; File is what every image reads.
            if d.text(INPUT_MODE).is_empty() {
                d.set_text(INPUT_MODE, "File");
            }
        });
    };
    // An image from another region's registry cannot be pulled: offer the same image there.
    let rewrite = move || studio.image_facts.with(|f| f["rewrite"].as_str().map(str::to_string));

    view! {
        <fieldset class="image-picker" data-picker="image">
            <legend>"Pick a SageMaker image"</legend>
            {move || match (offer.with(Value::is_null), studio.algorithms.failure()) {
                (_, message) if !message.is_empty() => view! { <p class="problem error">{message}</p> }.into_any(),
                (true, _) => view! { <p class="hint" aria-busy="true">"Loading the algorithm catalogue…"</p> }.into_any(),
                (false, _) => view! { <PickerParts offer=offer picked=picked/> }.into_any(),
            }}
            <p class="picker-uri">
                {move || match uri.get() {
                    uri if !uri.is_empty() => view! { <code data-picker="uri">{uri}</code> }.into_any(),
                    _ if picked.algorithm.with(String::is_empty) => {
                        view! { <span class="hint">"Choose an algorithm or framework to get its image URI for the Submit region."</span> }.into_any()
                    }
                    _ => view! {
                        <span class="hint">{move || format!("This version is not offered in {}.", studio.region.get())}</span>
                    }.into_any(),
                }}
            </p>
            <button type="button" data-action="use-image" disabled=move || uri.with(String::is_empty) on:click=use_image>
                "Use this image"
            </button>
            {move || rewrite().map(|new_uri| {
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

/// The picked image's entry in the offer.
fn image_of(offer: &Value, key: &str) -> Option<Value> {
    offer.as_array()?.iter().find(|i| i["key"] == key).cloned()
}

/// The Python versions and processors the picked version offers.
fn offered(offer: Offer, picked: Picked) -> (Vec<String>, Vec<String>) {
    let list = |v: &Value, name: &str| -> Vec<String> {
        v[name].as_array().map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
    };
    offer
        .with_untracked(|offer| {
            let image = image_of(offer, &picked.algorithm.get_untracked())?;
            let version = picked.version.get_untracked();
            let entry = image["versions"].as_array()?.iter().find(|v| v["key"] == version.as_str())?.clone();
            Some((list(&entry, "py"), list(&entry, "processors")))
        })
        .unwrap_or_default()
}

/// Picks a version, keeping the Python version and processor where it offers them.
fn choose_version(offer: Offer, picked: Picked, version: String) {
    picked.version.set(version);
    let (py, processors) = offered(offer, picked);
    if !py.contains(&picked.py.get_untracked()) {
        picked.py.set(py.first().cloned().unwrap_or_default());
    }
    if !processors.contains(&picked.processor.get_untracked()) {
        picked.processor.set(processors.first().cloned().unwrap_or_default());
    }
}

/// Options whose values and labels are `values`, the one equal to `current` selected.
fn options(values: Vec<(String, String)>, current: RwSignal<String>) -> impl IntoView {
    values
        .into_iter()
        .map(|(value, label)| {
            let selected = value.clone();
            view! { <option value=value selected=move || current.with(|c| *c == selected)>{label}</option> }
        })
        .collect_view()
}

/// The picker's selects.
#[component]
fn PickerParts(
    /// What the worker offers.
    offer: Offer,
    /// What the user has picked.
    picked: Picked,
) -> impl IntoView {
    let images = move |kind: &str| -> Vec<(String, String)> {
        offer.with(|o| {
            o.as_array()
                .map(|images| {
                    images
                        .iter()
                        .filter(|i| i["kind"] == kind)
                        .map(|i| (i["key"].as_str().unwrap_or_default().into(), i["name"].as_str().unwrap_or_default().into()))
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    let choose_algorithm = move |key: String| {
        let newest = offer.with_untracked(|o| {
            let image = image_of(o, &key)?;
            image["versions"][0]["key"].as_str().map(str::to_string)
        });
        picked.algorithm.set(key);
        choose_version(offer, picked, newest.unwrap_or_default());
    };
    let versions = move || {
        let keys: Vec<(String, String)> = offer.with(|o| {
            image_of(o, &picked.algorithm.get())
                .and_then(|image| {
                    image["versions"].as_array().map(|versions| {
                        versions
                            .iter()
                            .filter_map(|v| v["key"].as_str())
                            .map(|k| (k.to_string(), k.to_string()))
                            .collect()
                    })
                })
                .unwrap_or_default()
        });
        options(keys, picked.version)
    };
    let is_framework = move || {
        offer.with(|o| image_of(o, &picked.algorithm.get()).is_some_and(|i| i["kind"] == "framework"))
    };
    let same = |values: Vec<String>| values.into_iter().map(|v| (v.clone(), v)).collect::<Vec<_>>();
    view! {
        <div class="picker-parts">
            <label>
                "Algorithm or framework"
                <select data-picker-part="algorithm" on:change=move |ev| choose_algorithm(event_target_value(&ev))>
                    <option value="" selected=move || picked.algorithm.with(String::is_empty)>"Choose…"</option>
                    <optgroup label="Built-in algorithms">{move || options(images("built-in"), picked.algorithm)}</optgroup>
                    <optgroup label="Frameworks (run your script)">{move || options(images("framework"), picked.algorithm)}</optgroup>
                </select>
            </label>
            <label>
                "Version"
                <select data-picker-part="version" on:change=move |ev| choose_version(offer, picked, event_target_value(&ev))>
                    {versions}
                </select>
            </label>
            {move || is_framework().then(|| view! {
                <label>
                    "Python"
                    <select data-picker-part="py" on:change=move |ev| picked.py.set(event_target_value(&ev))>
                        {move || { picked.version.track(); options(same(offered(offer, picked).0), picked.py) }}
                    </select>
                </label>
                <label>
                    "Processor"
                    <select data-picker-part="processor" on:change=move |ev| {
                        picked.processor_chosen.set(true);
                        picked.processor.set(event_target_value(&ev));
                    }>
                        {move || { picked.version.track(); options(same(offered(offer, picked).1), picked.processor) }}
                    </select>
                </label>
            })}
        </div>
    }
}
