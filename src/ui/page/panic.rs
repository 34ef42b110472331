//! behaviour §7: no panic reaches the user unexplained. A panic stops the app (release builds abort,
//! so the page cannot carry on safely); this hook tells the user what happened, keeps the form
//! from taking input it could no longer handle, and saves the draft so that a reload restores it.
//!
//! ```ignore
//! panic::set_hook();              // first thing at start-up
//! panic::keep_draft_from(export); // once the body exists
//! ```

use std::cell::Cell;

use leptos::prelude::*;
use serde_json::Value;

use crate::core::draft::PathMap;
use crate::ui::shared::storage;

thread_local! {
    static BODY: Cell<Option<Memo<(Value, PathMap)>>> = const { Cell::new(None) };
}

/// Where the hook finds the request to save.
pub fn keep_draft_from(export: Memo<(Value, PathMap)>) {
    BODY.with(|b| b.set(Some(export)));
}

pub fn set_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        tell_the_user(&info.to_string());
        // Last, because reading the body can fail outright if the panic came from inside an
        // update of it; the autosave of the last edit but one is already stored then.
        if let Some(export) = BODY.with(Cell::get) {
            export.try_with_untracked(|(body, _)| storage::save_autosave(body));
        }
    }));
}

/// A message at the top of the page, built with the DOM directly: the app's own rendering may be
/// what failed.
fn tell_the_user(details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if let Ok(Some(main)) = document.query_selector("main") {
        let _ = main.set_attribute("inert", "");
    }
    let Ok(banner) = document.create_element("div") else { return };
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "crash");
    let _ = banner.set_attribute("data-crash", "");
    let page = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let page = page.split(['?', '#']).next().unwrap_or_default().to_string();
    let add = |tag: &str, text: &str| {
        let element = document.create_element(tag).ok()?;
        element.set_text_content(Some(text));
        banner.append_child(&element).ok()?;
        Some(element)
    };
    add("strong", "Training Job Studio hit an internal error and has stopped.");
    add("p", "Your request is saved in this browser. Reload the page to carry on where you were.");
    if let Some(reload) = add("a", "Reload") {
        let _ = reload.set_attribute("href", &page);
    }
    add("pre", details);
    let _ = body.prepend_with_node_1(&banner);
}

/// A test hook (the end-to-end suite uses it): `?tjs-panic-test` in the address panics once the
/// page has started, as a bug would.
pub fn panic_if_asked() {
    let asked =
        web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|q| q.contains("tjs-panic-test"));
    if asked {
        leptos::task::spawn_local(async { panic!("the panic test hook was asked for") });
    }
}
