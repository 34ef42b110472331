//! The live preview of the exact body, with copy and download.

use leptos::prelude::*;

use std::sync::Arc;

use serde_json::Value;

use super::Studio;
use crate::core::json::{pretty, pretty_member};
use crate::core::path::FormPath;

/// The "Request body" panel: the exact JSON that would be sent, kept up to date as the form
/// changes, with copy and download. Only changed members are redrawn, so big requests stay quick.
#[component]
pub fn Preview() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let text = move || studio.export.with_untracked(|(body, _)| pretty(body));
    let parts = preview_parts(studio);
    let status = RwSignal::new(String::new());

    let copy = move |_| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            return;
        };
        let promise = clipboard.write_text(&text());
        leptos::task::spawn_local(async move {
            let result = wasm_bindgen_futures::JsFuture::from(promise).await;
            status.set(match result {
                Ok(_) => "Copied the request to the clipboard.".into(),
                Err(_) => "The browser did not allow copying; select the text and copy it instead.".into(),
            });
        });
    };
    let download = move |_| {
        let name = studio.draft.with_untracked(|d| d.text(&FormPath::default().child("TrainingJobName")));
        let name = if name.trim().is_empty() { "training-job".to_string() } else { name };
        if crate::ui::shared::save_file(&format!("{name}.json"), &text()) {
            status.set(format!("Downloaded {name}.json."));
        } else {
            status.set("The browser did not allow the download.".into());
        }
    };

    view! {
        <section class="preview" aria-labelledby="preview-title">
            <h2 id="preview-title">"Request body"</h2>
            <div class="actions">
                <button type="button" data-action="copy-json" on:click=copy>"Copy JSON"</button>
                <button type="button" data-action="download-json" on:click=download>"Download JSON"</button>
                <span class="status" role="status">{move || status.get()}</span>
            </div>
            <crate::ui::shared::views::ErrorsNote place="preview" errors=Signal::derive(move || studio.error_count())/>
            // The same text as `pretty(body)`, in one piece per top-level member.
            <pre id="preview" tabindex="0" aria-label="Request body JSON">
                {move || if parts.with(Vec::is_empty) { "{}" } else { "{\n" }}
                <For each=move || parts.get() key=|part| (part.name.clone(), part.revision, part.first)
                    children=|part| view! { {if part.first { "" } else { ",\n" }}{part.text.to_string()} }/>
                {move || if parts.with(Vec::is_empty) { "" } else { "\n}" }}
            </pre>
        </section>
    }
}

/// One top-level member's text in the preview.
#[derive(Clone, PartialEq)]
struct Part {
    name: String,
    /// Changes whenever the text does, so the keyed list redraws exactly the changed members.
    revision: u64,
    first: bool,
    text: Arc<str>,
}

/// The preview's pieces, re-rendering only the members whose value changed.
fn preview_parts(studio: Studio) -> Memo<Vec<Part>> {
    // Each member's last value, text and revision.
    let cache = StoredValue::new((0u64, Vec::<(String, Value, Arc<str>, u64)>::new()));
    Memo::new(move |_| {
        studio.export.with(|(body, _)| {
            let Some(object) = body.as_object() else { return Vec::new() };
            cache
                .try_update_value(|(revisions, known)| {
                    let mut kept = Vec::with_capacity(object.len());
                    for (name, value) in object {
                        let entry = match known.iter().position(|(n, v, _, _)| n == name && v == value) {
                            Some(i) => known.swap_remove(i),
                            None => {
                                *revisions += 1;
                                (name.clone(), value.clone(), pretty_member(name, value).into(), *revisions)
                            }
                        };
                        kept.push(entry);
                    }
                    *known = kept;
                    known
                        .iter()
                        .enumerate()
                        .map(|(i, (name, _, text, revision))| Part {
                            name: name.clone(),
                            revision: *revision,
                            first: i == 0,
                            text: text.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}
