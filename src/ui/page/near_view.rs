//! Builds a list item's controls only when it comes near the viewport. A maximum-size request
//! has hundreds of rows; building every one of them on import took far longer than the user
//! can see. Built items stay built, so what was typed and where focus is never move.
//!
//! ```ignore
//! let built = near_view(node_ref, false);   // false until the element is within reach
//! view! { <li node_ref=node_ref>{move || built.get().then(|| row_controls())}</li> }
//! ```
//! An unbuilt element is empty, so CSS `:empty` gives it a placeholder height, and it carries
//! `data-watch` until it is built.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How far outside the viewport elements are built ahead of scrolling, so that scrolling and
/// tabbing reach built controls.
const AHEAD: &str = "1200px 0px";

struct Watcher {
    observer: web_sys::IntersectionObserver,
    waiting: HashMap<u32, (RwSignal<bool>, web_sys::Element)>,
    next_id: u32,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

thread_local! {
    static WATCHER: RefCell<Option<Watcher>> = const { RefCell::new(None) };
}

fn with_watcher<T>(f: impl FnOnce(&mut Watcher) -> T) -> Option<T> {
    WATCHER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = new_watcher();
        }
        slot.as_mut().map(f)
    })
}

fn new_watcher() -> Option<Watcher> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(on_near);
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(AHEAD);
    let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    Some(Watcher { observer, waiting: HashMap::new(), next_id: 0, _callback: callback })
}

/// The observer's callback: builds the elements that came near.
fn on_near(entries: js_sys::Array) {
    let near: Vec<(u32, web_sys::Element)> = entries
        .iter()
        .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        .filter(|e| e.is_intersecting())
        .filter_map(|e| {
            let target = e.target();
            Some((target.get_attribute("data-watch")?.parse().ok()?, target))
        })
        .collect();
    let ready: Vec<RwSignal<bool>> = WATCHER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let Some(w) = slot.as_mut() else { return Vec::new() };
        near.iter()
            .filter_map(|(id, target)| {
                w.observer.unobserve(target);
                let _ = target.remove_attribute("data-watch");
                w.waiting.remove(id).map(|(built, _)| built)
            })
            .collect()
    });
    // Set after the borrow ends: building watches new elements.
    for built in ready {
        built.try_set(true);
    }
}

/// How many of the first items of a list of structures (heavy: a channel is dozens of
/// controls), rows of a map or text list, and sections of the form are built at once.
pub const ITEMS_AT_ONCE: usize = 1;
pub const ROWS_AT_ONCE: usize = 8;
pub const SECTIONS_AT_ONCE: usize = 2;

/// A signal that turns true once the element behind `node` is near the viewport; at once where
/// the browser cannot tell, or when `at_once` (the first rows of a list, so that its top never
/// shows placeholders and an import fills the screen without waiting for the observer).
pub fn near_view<E>(node: NodeRef<E>, at_once: bool) -> RwSignal<bool>
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let built = RwSignal::new(at_once);
    let watched = StoredValue::new(None::<u32>);
    Effect::new(move |_| {
        let Some(element) = node.get() else { return };
        if built.get_untracked() {
            return; // a built item redrawn at a new position stays built
        }
        let Ok(element) = element.dyn_into::<web_sys::Element>() else {
            built.set(true);
            return;
        };
        let id = with_watcher(|w| {
            w.next_id += 1;
            let _ = element.set_attribute("data-watch", &w.next_id.to_string());
            w.waiting.insert(w.next_id, (built, element.clone()));
            w.observer.observe(&element);
            w.next_id
        });
        match id {
            Some(id) => watched.set_value(Some(id)),
            None => built.set(true),
        }
    });
    on_cleanup(move || {
        if let Some(id) = watched.try_get_value().flatten() {
            // An item removed before it was built is no longer watched.
            with_watcher(|w| w.waiting.remove(&id).map(|(_, element)| w.observer.unobserve(&element)));
        }
    });
    built
}
