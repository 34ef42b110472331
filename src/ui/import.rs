//! Paste a request and apply it. A failed import says where and why, and leaves the draft alone.

use leptos::prelude::*;

use super::Studio;
use crate::core::draft::Draft;

#[component]
pub fn Import() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let text = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let apply = move |_| {
        outcome.set(Some(match Draft::import(&text.get_untracked()) {
            Ok(draft) => {
                studio.draft.set(draft);
                Ok("Imported the request into the form.".into())
            }
            Err(e) => Err(format!("Nothing was changed. Line {}, column {}: {}", e.line, e.column, e.message)),
        }));
    };
    view! {
        <section class="import" aria-labelledby="import-title">
            <h2 id="import-title">"Import JSON"</h2>
            <label for="import-text">"Paste a CreateTrainingJob request"</label>
            <textarea id="import-text" data-import="text" rows="6" spellcheck="false"
                aria-describedby="import-problems"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="button" data-action="import" on:click=apply>"Import"</button>
            <div id="import-problems" data-import="problems" role="status">
                {move || match outcome.get() {
                    Some(Err(message)) => view! { <p class="problem error">{message}</p> }.into_any(),
                    Some(Ok(message)) => view! { <p class="ok">{message}</p> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
        </section>
    }
}
