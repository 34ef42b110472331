//! Starting points and saved work: templates, named drafts (save, load, rename, delete) and
//! reset. Replacing unsaved work asks first.

use leptos::prelude::*;

use super::{storage, Studio};
use crate::core::draft::Draft;
use crate::core::templates::{template_url, TEMPLATES};

/// The "Templates and drafts" panel: load a template, save the form under a name, load, rename
/// or delete saved drafts, or reset. Work kept beyond the autosave, and a quick start.
#[component]
pub fn Drafts() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let template = RwSignal::new(TEMPLATES[0].0.to_string());
    let saved = RwSignal::new(storage::named());
    let name = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());

    let load_template = move |_| {
        let id = template.get_untracked();
        let Some((_, title)) = TEMPLATES.iter().find(|(t, _)| *t == id) else { return };
        if !studio.confirm_replace("Loading a template replaces the request in the form.") {
            return;
        }
        // Fetched when loaded, so the templates stay out of the first load.
        leptos::task::spawn_local(async move {
            // Our own files: serde_json reads them (the import's JSON reader is not in the page).
            let read = |text: String| match serde_json::from_str(&text) {
                Ok(body @ serde_json::Value::Object(_)) => Ok(Draft::from_value(&body)),
                Ok(_) => Err("it is not a JSON object".to_string()),
                Err(e) => Err(e.to_string()),
            };
            match super::fetch::text(&template_url(&id)).await.map(read) {
                Ok(Ok(draft)) => {
                    studio.replace(draft);
                    status.set(format!("Loaded the template \"{title}\"."));
                }
                Ok(Err(e)) => status.set(format!("The template could not be read: {e}")),
                Err(message) => status.set(format!("The template could not be loaded ({message}); try again.")),
            }
        });
    };
    let reset = move |_| {
        if studio.confirm_replace("Reset empties the form.") {
            studio.replace(super::blank_draft());
            status.set("The form is empty.".into());
        }
    };
    let save_as = move |_| {
        let draft_name = name.get_untracked().trim().to_string();
        if draft_name.is_empty() {
            status.set("Give the draft a name first.".into());
            return;
        }
        let body = studio.export.with_untracked(|(body, _)| body.clone());
        let mut all = saved.get_untracked();
        all.insert(draft_name.clone(), body.clone());
        if storage::save_named(&all) {
            saved.set(all);
            studio.baseline.set(body);
            status.set(format!("Saved \"{draft_name}\"."));
        } else {
            status.set("The browser refused to store the draft (storage full or disabled).".into());
        }
    };
    let load = move |draft_name: String| {
        let Some(body) = saved.get_untracked().get(&draft_name).cloned() else { return };
        if studio.confirm_replace(&format!("Loading \"{draft_name}\" replaces the request in the form.")) {
            studio.replace(Draft::from_value(&body));
            name.set(draft_name.clone());
            status.set(format!("Loaded \"{draft_name}\"."));
        }
    };
    let rename = move |old: String| {
        let new = name.get_untracked().trim().to_string();
        if new.is_empty() || new == old {
            status.set("Type the new name in the box, then click Rename.".into());
            return;
        }
        let mut all = saved.get_untracked();
        if let Some(body) = all.remove(&old) {
            all.insert(new.clone(), body);
            if storage::save_named(&all) {
                saved.set(all);
                status.set(format!("Renamed \"{old}\" to \"{new}\"."));
            }
        }
    };
    let delete = move |draft_name: String| {
        let confirmed = web_sys::window()
            .and_then(|w| w.confirm_with_message(&format!("Delete the saved draft \"{draft_name}\"?")).ok())
            .unwrap_or(false);
        if confirmed {
            let mut all = saved.get_untracked();
            all.remove(&draft_name);
            if storage::save_named(&all) {
                saved.set(all);
                status.set(format!("Deleted \"{draft_name}\"."));
            }
        }
    };

    view! {
        <section class="drafts" aria-labelledby="drafts-title">
            <h2 id="drafts-title">"Templates and drafts"</h2>
            <p class="hint">"Your work is saved in this browser as you type and comes back when you reload."</p>
            <div class="actions">
                <label for="template-choice">"Template"</label>
                <select id="template-choice" data-template="choice" on:change=move |ev| template.set(event_target_value(&ev))>
                    {TEMPLATES.iter().map(|(id, title)| view! { <option value=*id>{*title}</option> }).collect_view()}
                </select>
                <button type="button" data-action="load-template" on:click=load_template>"Load"</button>
            </div>
            <div class="actions">
                <label for="draft-name">"Draft name"</label>
                <input id="draft-name" type="text" data-draft="name" autocomplete="off"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="button" data-action="save-draft" on:click=save_as>"Save"</button>
                <button type="button" data-action="reset" on:click=reset>"Reset form"</button>
            </div>
            <ul class="saved-drafts" data-draft="list">
                {move || saved.get().into_iter().map(|(draft_name, _)| {
                    let (l, r, d) = (draft_name.clone(), draft_name.clone(), draft_name.clone());
                    view! {
                        <li data-draft-name=draft_name.clone()>
                            <span>{draft_name.clone()}</span>
                            <button type="button" data-action="load-draft" on:click=move |_| load(l.clone())>"Load"</button>
                            <button type="button" data-action="rename-draft" on:click=move |_| rename(r.clone())>"Rename"</button>
                            <button type="button" data-action="delete-draft" on:click=move |_| delete(d.clone())>"Delete"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="status" role="status" data-draft="status">{move || status.get()}</p>
        </section>
    }
}
