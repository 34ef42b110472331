//! The request in the shapes other tools run (behaviour §5 and §14): the AWS CLI, boto3, the
//! SageMaker Python SDK, a pipeline, Step Functions, Airflow, ACK and Terraform, each with copy,
//! download and its notes in view; and share links. Part of the later panels (`panels.rs`): the page tells them when the form or
//! its region changes (`News::FormChanged`), and they ask it for the body and its error count.

use leptos::prelude::*;
use serde_json::Value;

use super::{page_body, page_count};
use crate::core::exports::{commands, ExportFormat, Written};
use crate::core::protocol::panels::PageQuestion;
use crate::ui::shared::views::ErrorsNote;

/// Copies `text` to the clipboard and says in `status` whether the browser allowed it.
fn copy(text: String, status: RwSignal<String>) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else { return };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        status.set(if copied { "Copied." } else { "The browser did not allow copying." }.into());
    });
}

/// The Export panel: the request as a command or code for the page's region, with copy and a
/// share link, so the job can be run or passed on outside this page.
#[component]
pub fn Export(
    /// The page's region, which the commands and share links carry.
    region: RwSignal<String>,
    /// Told whenever the page's form changes.
    form_changed: Trigger,
) -> impl IntoView {
    // The body and its error count as the page has them, read again whenever the page says the
    // form changed (a moment after it last did, not at every keystroke).
    let body = RwSignal::new(Value::Null);
    let errors = RwSignal::new(0usize);
    let read_form = move || {
        body.set(page_body());
        errors.set(page_count(PageQuestion::ErrorCount));
    };
    Effect::new(move |_| {
        form_changed.track();
        untrack(read_form);
    });
    let format = RwSignal::new(ExportFormat::CliFile);
    let status = RwSignal::new(String::new());
    let written = RwSignal::new(Written::default());
    // The CLI file command is the default and is written here; the other formats are written by
    // the service worker, which starts when one of them is first chosen.
    Effect::new(move |_| {
        let (chosen, region) = (format.get(), region.get());
        if chosen == ExportFormat::CliFile {
            let name = body.with(|body| body.get("TrainingJobName").and_then(|n| n.as_str()).map(str::to_string));
            let text = format!("{}\n", commands::cli_file(&name.unwrap_or_default(), &region));
            written.set(Written { text, notes: Vec::new() });
            return;
        }
        let body = body.get();
        leptos::task::spawn_local(async move {
            let answer = crate::ui::shared::service_worker::export(chosen, &region, &body).await;
            // A later choice may have been made meanwhile; its own answer sets the text.
            if format.get_untracked() == chosen {
                written.set(answer.unwrap_or_else(|message| Written {
                    text: String::new(),
                    notes: vec![format!("This format could not be written: {message}")],
                }));
            }
        });
    });
    let download = move |_| {
        let name = body.with_untracked(|body| format.get_untracked().file_name(body));
        let saved = crate::ui::shared::save_file(&name, &written.with_untracked(|w| w.text.clone()));
        status.set(if saved {
            format!("Downloaded {name}.")
        } else {
            "The browser did not allow the download.".into()
        });
    };
    // The link, and the body it carries: once the form moves on, the link says it is stale.
    let share = RwSignal::new(None::<(String, Value)>);
    let share_status = RwSignal::new(String::new());
    // A memo: three places show it, and the body is compared once per edit rather than thrice.
    let stale = Memo::new(move |_| share.with(|s| s.as_ref().is_some_and(|(_, made)| body.with(|body| body != made))));
    let make_link = move |_| {
        // The body as it is now, even if the form changed a moment ago.
        read_form();
        let body = body.get_untracked();
        let region = region.get_untracked();
        leptos::task::spawn_local(async move {
            match super::share::link(&body.to_string(), &region).await {
                Ok(link) => {
                    share_status.set(format!(
                        "Link ready ({} characters). It holds the request and its region ({region}), never credentials.",
                        link.len()
                    ));
                    share.set(Some((link, body)));
                }
                Err(message) => share_status.set(message),
            }
        });
    };
    view! {
        <div data-export-panel="" data-ready="">
            <div class="actions">
                <label for="export-format">"As"</label>
                <select id="export-format" data-export="format" on:change=move |ev| {
                    if let Some(chosen) = ExportFormat::from_key(&event_target_value(&ev)) {
                        format.set(chosen);
                    }
                }>
                    {ExportFormat::ALL.map(|f| view! { <option value=f.key() selected=move || format.get() == f>{f.label()}</option> }).collect_view()}
                </select>
                <button type="button" data-action="copy-export" on:click=move |_| copy(written.with_untracked(|w| w.text.clone()), status)>"Copy"</button>
                <button type="button" data-action="download-export" on:click=download>"Download"</button>
                <span class="status" role="status">{move || status.get()}</span>
            </div>
            <ErrorsNote place="export" errors/>
            // What this export cannot carry, or what its tool adds, next to the text it is about.
            <ul class="export-notes" data-export-notes="" hidden=move || written.with(|w| w.notes.is_empty())>
                {move || written.with(|w| w.notes.iter().map(|note| view! { <li>{note.clone()}</li> }).collect_view())}
            </ul>
            <pre data-export=move || format.get().key() data-export-text="" tabindex="0" aria-label="Exported request">
                {move || written.with(|w| w.text.clone())}
            </pre>
            <div class="actions">
                <button type="button" data-action="share-link" on:click=make_link>
                    {move || if stale.get() { "Make the share link again" } else { "Make a share link" }}
                </button>
            </div>
            {move || share.get().map(|(link, _)| {
                let copied = link.clone();
                view! {
                    <div class="actions">
                        <input type="text" readonly data-export="share-link" aria-label="Share link" prop:value=link class:stale=stale/>
                        <button type="button" data-action="copy-share-link" on:click=move |_| copy(copied.clone(), share_status)>"Copy link"</button>
                    </div>
                }
            })}
            <p class="status" role="status" data-share="status">
                {move || if stale.get() {
                    "The request changed after this link was made, so it does not carry your latest edits: make it again.".to_string()
                } else {
                    share_status.get()
                }}
            </p>
        </div>
    }
}
