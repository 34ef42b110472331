//! Import: paste, pick a file or drop one. Accepts a request, an AWS CLI skeleton, a Step
//! Functions task state or a DescribeTrainingJob response; says what it recognised and what it
//! left out. A failed import leaves the draft alone, and replacing work asks first.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::Studio;
use crate::core::formats::{CloneFor, Imported};
use crate::core::json::JsonError;
use crate::core::protocol::panels::ImportReport;
use crate::ui::shared::service_worker;
pub use crate::ui::shared::views::report_lists;

/// Puts what an import gave in the form, and says what it was: the report shown under the import
/// box, and given to the job panel after a clone. `None` when the user chose to keep the form as
/// it was; `ask_first`: whether to ask before replacing unsaved work (the clone asks in its own
/// words before it comes here).
pub fn report_of(outcome: Result<Imported, JsonError>, studio: Studio, ask_first: bool) -> Option<ImportReport> {
    Some(match outcome {
        Err(e) if e.line == 0 => ImportReport::Failed(format!("Nothing was changed. {}", e.message)),
        Err(e) => {
            ImportReport::Failed(format!("Nothing was changed. Line {}, column {}: {}", e.line, e.column, e.message))
        }
        Ok(imported) => {
            if ask_first && !studio.confirm_replace("Importing replaces the request in the form.") {
                return None;
            }
            studio.replace(imported.draft);
            let Imported { format, left_out, notes, .. } = imported;
            ImportReport::Imported { format: format.describe().to_string(), left_out, notes }
        }
    })
}

/// Pasted text as the worker imported it: the text, the region it was imported for, and the
/// worker's answer, not yet read.
struct Prepared {
    source: String,
    region: String,
    answer: Result<String, String>,
}

thread_local! {
    /// The last pasted text, imported ahead of the click (see `prepare`).
    static PREPARED: RefCell<Option<Prepared>> = const { RefCell::new(None) };
}

/// `20261126-1049`: makes the name of a cloned job unique.
pub fn time_suffix() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes(),
        now.get_seconds()
    )
}

#[component]
pub fn Import() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let text = RwSignal::new(String::new());
    let report = RwSignal::new(None::<ImportReport>);
    let dragging = RwSignal::new(false);

    // The import runs in the service worker, off the page's first load. Pasted text is imported
    // there as it arrives, and Import applies that result at once if the text and the region are
    // still the same: waiting for the worker after the click would let the browser draw a frame
    // before the imported form (a maximum-size import would take 55 ms instead of 20).
    let prepare = move |source: String| {
        let region = studio.region.get_untracked();
        let clone_for = CloneFor { name_suffix: time_suffix(), region: region.clone() };
        leptos::task::spawn_local(async move {
            let answer = service_worker::import_answer(&source, &clone_for).await;
            if text.get_untracked() == source {
                PREPARED.with(|prepared| *prepared.borrow_mut() = Some(Prepared { source, region, answer }));
            }
        });
    };
    let apply = move |source: String| {
        let region = studio.region.get_untracked();
        let ready = PREPARED.with(|prepared| {
            prepared.borrow_mut().take_if(|prepared| prepared.source == source && prepared.region == region)
        });
        if let Some(Prepared { answer, .. }) = ready {
            if let Some(outcome) = report_of(service_worker::read_imported(answer), studio, true) {
                report.set(Some(outcome));
            }
            return;
        }
        let clone_for = CloneFor { name_suffix: time_suffix(), region };
        leptos::task::spawn_local(async move {
            if let Some(outcome) = report_of(service_worker::import(&source, &clone_for).await, studio, true) {
                report.set(Some(outcome));
            }
        });
    };
    let read_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            match JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
                Some(contents) => {
                    text.set(contents.clone());
                    apply(contents);
                }
                None => report.set(Some(ImportReport::Failed(format!("Could not read {}.", file.name())))),
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            read_file(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0)) {
            read_file(file);
        }
    };

    view! {
        <section class="import" class:dragging=move || dragging.get() aria-labelledby="import-title"
            on:focusin=move |_| service_worker::warm_up()
            on:dragenter=move |_| service_worker::warm_up()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <h2 id="import-title">"Import"</h2>
            <label for="import-text">
                "Paste a request, an AWS CLI skeleton, a Step Functions task state or a DescribeTrainingJob response, or drop a file here"
            </label>
            <textarea id="import-text" data-import="text" rows="6" spellcheck="false"
                aria-describedby="import-problems"
                bind:value=text
                on:input=move |ev| prepare(event_target_value(&ev))></textarea>
            <div class="actions">
                <button type="button" data-action="import" on:click=move |_| apply(text.get_untracked())>"Import"</button>
                <label class="file-button">
                    "Choose a file… "
                    <input type="file" accept=".json,application/json" data-import="file" on:change=on_pick/>
                </label>
            </div>
            <div id="import-problems" data-import="problems" role="status">
                {move || match report.get() {
                    Some(ImportReport::Failed(message)) => view! { <p class="problem error">{message}</p> }.into_any(),
                    Some(ImportReport::Imported { format, left_out, notes }) => view! {
                        <div data-import="report">
                            <p class="ok">{format!("Imported {format}.")}</p>
                            {report_lists(left_out, notes)}
                        </div>
                    }.into_any(),
                    None => ().into_any(),
                }}
            </div>
        </section>
    }
}
