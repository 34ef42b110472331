//! Undo and redo (behaviour §12): the buttons, the keyboard shortcuts, and the bar that holds them
//! with links to the page's panels, so that on a phone the preview and Submit are one tap away
//! rather than below the whole form. The steps themselves are `core::history`'s.
//!
//! ```ignore
//! view! { <undo::Toolbar/> }
//! ```

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Studio;

/// The bar at the top of the page. It stays in view while the page scrolls.
#[component]
pub fn Toolbar() -> impl IntoView {
    let studio = expect_context::<Studio>();
    listen_for_shortcuts(studio);
    view! {
        <nav class="toolbar" aria-label="Undo, redo, region and panels">
            // On a phone only the arrows show (the words stay the buttons' names), so that the
            // links fit beside them.
            <button type="button" data-action="undo" title="Undo (Ctrl+Z)" aria-label="Undo"
                disabled=move || !studio.can_travel(true) on:click=move |_| studio.travel(true)>"↶"<span class="word">" Undo"</span></button>
            <button type="button" data-action="redo" title="Redo (Ctrl+Shift+Z or Ctrl+Y)" aria-label="Redo"
                disabled=move || !studio.can_travel(false) on:click=move |_| studio.travel(false)>"↷"<span class="word">" Redo"</span></button>
            <super::region_picker::RegionPicker/>
            <span class="jumps">
                {PANELS.iter().map(|(id, name, first)| view! {
                    <a href=format!("#{id}") on:click=move |ev| { ev.prevent_default(); focus_first(id, first); jump_to(id, 10); }>{*name}</a>
                }).collect_view()}
            </span>
        </nav>
    }
}

/// The headings the toolbar links to, the links' words, and the control that gets focus there
/// (the heading itself where there is none, or it is not drawn yet), so that a keyboard user
/// goes on from that panel rather than from the toolbar.
const PANELS: &[(&str, &str, &str)] = &[
    ("summary-title", "Form", ".form-column [data-path]:not(button)"),
    ("preview-title", "Request", "#preview"),
    // Before Export and Import, which sit above it: on a phone it is the furthest down.
    ("submit-title", "Submit", "[data-service-panel] input, [data-service-panel] button"),
    ("export-title", "Export", "#export-format"),
    ("import-title", "Import", "[data-import=text]"),
];

/// Gives focus to the first element `selector` finds, else to the heading `id`.
fn focus_first(id: &str, selector: &str) {
    let found = document().query_selector(selector).ok().flatten().or_else(|| {
        let heading = document().get_element_by_id(id)?;
        let _ = heading.set_attribute("tabindex", "-1");
        Some(heading)
    });
    if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Scrolls to the heading `id`, and again while the page keeps moving under it: the form builds
/// its sections as they are scrolled past (`near_view.rs`), which pushes what is below further
/// down, so a plain link would land short.
fn jump_to(id: &'static str, tries: u32) {
    let Some(target) = document().get_element_by_id(id) else { return };
    let before = window().scroll_y().unwrap_or_default();
    target.scroll_into_view();
    if tries > 0 && window().scroll_y().unwrap_or_default() != before {
        set_timeout(move || jump_to(id, tries - 1), std::time::Duration::from_millis(50));
    }
}

/// Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo (Cmd on a Mac). Inside the form they act on the
/// whole draft; text boxes outside it (import, credentials, a draft's name) keep the browser's
/// own undo, since what is typed there is not part of the draft.
fn listen_for_shortcuts(studio: Studio) {
    // The listener lives as long as the page.
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let key = ev.key().to_ascii_lowercase();
        let back = match key.as_str() {
            "z" => !ev.shift_key(),
            "y" => false,
            _ => return,
        };
        let box_outside_form = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA")
                && el.closest(".form-column").ok().flatten().is_none()
        });
        if !box_outside_form {
            ev.prevent_default();
            studio.travel(back);
        }
    });
}
