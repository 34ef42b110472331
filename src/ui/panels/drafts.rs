//! Starting points and saved work: templates, named drafts (save, load, rename, delete) and
//! reset. Replacing unsaved work asks first.
//!
//! Part of the module the page loads later (`panels.rs`), drawn in the page's Templates and
//! drafts section. The form is the page's: this asks the page for its body, whether it may be
//! replaced, to replace it, and to count it as saved (`core::protocol::panels`).

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::{page_agrees, page_body, tell_page};
use crate::core::protocol::panels::PageQuestion;
use crate::core::templates::{template_url, TEMPLATES};
use crate::ui::shared::{ask, storage};

/// Whether the page's form may be replaced: the page asks the user first if it holds unsaved
/// work. `why` says what would replace it.
fn may_replace(why: &str) -> bool {
    page_agrees(PageQuestion::MayReplace(why.to_string()))
}

/// Puts a request in the page's form (`None`: the empty form); it is then the saved state.
fn replace_form(body: Option<&Value>) {
    tell_page(PageQuestion::Replace(body.cloned()));
}

/// The page's form as a request body.
fn form_body() -> Value {
    page_body()
}

/// The "Templates and drafts" panel: load a template, save the form under a name, load, rename
/// or delete saved drafts, or reset. Work kept beyond the autosave, and a quick start.
#[component]
pub fn Drafts() -> impl IntoView {
    let template = RwSignal::new(TEMPLATES[0].0.to_string());
    let saved = RwSignal::new(storage::named());
    let name = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());

    let load_template = move |_| {
        let id = template.get_untracked();
        let Some((_, title)) = TEMPLATES.iter().find(|(t, _)| *t == id) else { return };
        if !may_replace("Loading a template replaces the request in the form.") {
            return;
        }
        // Fetched when loaded, so the templates stay out of every load.
        leptos::task::spawn_local(async move {
            // Our own files: serde_json reads them (the import's JSON reader is not in this module).
            let read = |text: String| match serde_json::from_str(&text) {
                Ok(body @ Value::Object(_)) => Ok(body),
                Ok(_) => Err("it is not a JSON object".to_string()),
                Err(e) => Err(e.to_string()),
            };
            match crate::ui::shared::fetch::text(&template_url(&id)).await.map(read) {
                Ok(Ok(body)) => {
                    tell_page(PageQuestion::Template(body));
                    status.set(format!("Loaded the template \"{title}\"."));
                }
                Ok(Err(e)) => status.set(format!("The template could not be read: {e}")),
                Err(message) => status.set(format!("The template could not be loaded ({message}); try again.")),
            }
        });
    };
    let reset = move |_| {
        if may_replace("Reset empties the form.") {
            replace_form(None);
            status.set("The form is empty.".into());
        }
    };
    // Stores the drafts, or says that the browser would not.
    let store = move |all: serde_json::Map<String, Value>, done: String| {
        if storage::save_named(&all) {
            saved.set(all);
            status.set(done);
            true
        } else {
            status
                .set("The browser refused to store the drafts (storage full or disabled); nothing was changed.".into());
            false
        }
    };
    let save_as = move |_| {
        let draft_name = name.get_untracked().trim().to_string();
        if draft_name.is_empty() {
            status.set("Give the draft a name first.".into());
            return;
        }
        let body = form_body();
        let mut all = saved.get_untracked();
        if all.get(&draft_name).is_some_and(|old| *old != body)
            && !ask(&format!("Replace the saved draft \"{draft_name}\"?"))
        {
            return;
        }
        all.insert(draft_name.clone(), body.clone());
        if store(all, format!("Saved \"{draft_name}\".")) {
            tell_page(PageQuestion::Saved(body));
        }
    };
    let load = move |draft_name: String| {
        let Some(body) = saved.get_untracked().get(&draft_name).cloned() else { return };
        if may_replace(&format!("Loading \"{draft_name}\" replaces the request in the form.")) {
            replace_form(Some(&body));
            name.set(draft_name.clone());
            status.set(format!("Loaded \"{draft_name}\"."));
        }
    };
    // The draft being renamed, in place, and the name typed for it.
    let renaming = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let rename = move || {
        let (Some(old), new) = (renaming.get_untracked(), new_name.get_untracked().trim().to_string()) else { return };
        if new.is_empty() || new == old {
            renaming.set(None);
            return;
        }
        let mut all = saved.get_untracked();
        if all.contains_key(&new) && !ask(&format!("A draft named \"{new}\" exists. Replace it with \"{old}\"?")) {
            return;
        }
        if let Some(body) = all.remove(&old) {
            all.insert(new.clone(), body);
            if store(all, format!("Renamed \"{old}\" to \"{new}\".")) {
                renaming.set(None);
            }
        }
    };
    let delete = move |draft_name: String| {
        if ask(&format!("Delete the saved draft \"{draft_name}\"?")) {
            let mut all = saved.get_untracked();
            all.remove(&draft_name);
            store(all, format!("Deleted \"{draft_name}\"."));
        }
    };

    view! {
        <div data-drafts-panel="" data-ready="">
            <div class="actions">
                <label for="template-choice">"Template"</label>
                <select id="template-choice" data-template="choice" on:change=move |ev| template.set(event_target_value(&ev))>
                    {TEMPLATES.iter().map(|(id, title)| view! { <option value=*id>{*title}</option> }).collect_view()}
                </select>
                <button type="button" data-action="load-template" on:click=load_template>"Load"</button>
            </div>
            <div class="actions">
                <label for="draft-name">"Draft name"</label>
                <input id="draft-name" type="text" data-draft="name" autocomplete="off" bind:value=name/>
                <button type="button" data-action="save-draft" on:click=save_as>"Save"</button>
                <button type="button" data-action="reset" on:click=reset>"Reset form"</button>
            </div>
            <ul class="saved-drafts" data-draft="list">
                {move || saved.get().into_iter().map(|(draft_name, _)| {
                    let (l, r, d) = (draft_name.clone(), draft_name.clone(), draft_name.clone());
                    let this = draft_name.clone();
                    let name_view = move || if renaming.get().as_ref() == Some(&this) {
                        // Renamed in place: Enter keeps the new name, Escape gives up.
                        view! {
                            <input type="text" data-draft="rename" aria-label="New name"
                                bind:value=new_name
                                on:keydown=move |ev| match ev.key().as_str() {
                                    "Enter" => rename(),
                                    "Escape" => renaming.set(None),
                                    _ => {}
                                }/>
                            <button type="button" data-action="confirm-rename" on:click=move |_| rename()>"OK"</button>
                        }.into_any()
                    } else {
                        view! { <span>{this.clone()}</span> }.into_any()
                    };
                    view! {
                        <li data-draft-name=draft_name.clone()>
                            {name_view}
                            <button type="button" data-action="load-draft" on:click=move |_| load(l.clone())>"Load"</button>
                            <button type="button" data-action="rename-draft" on:click=move |_| {
                                new_name.set(r.clone());
                                renaming.set(Some(r.clone()));
                                // What opens in answer to a click gets focus (behaviour §12).
                                request_animation_frame(|| {
                                    if let Some(Ok(input)) = document().query_selector("[data-draft=rename]").ok().flatten().map(|e| e.dyn_into::<web_sys::HtmlInputElement>()) {
                                        let _ = input.focus();
                                        input.select();
                                    }
                                });
                            }>"Rename"</button>
                            <button type="button" data-action="delete-draft" on:click=move |_| delete(d.clone())>"Delete"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="status" role="status" data-draft="status">{move || status.get()}</p>
        </div>
    }
}
