//! The module the page loads later: the panels that are not needed to start editing. They are
//! Export (`export.rs`), Submit and the job panel (`submit.rs`, `jobs.rs`, `service_call.rs`; behaviour §6, §11), and
//! Templates and drafts (`drafts.rs`). Trunk builds them as a module of their own
//! (`src/bin/panels.rs`), which the page loads when either section first comes near the viewport
//! (`panels_host.rs`), so none of it weighs on the first load.
//!
//! The form is the page's. The panels ask the page for what only the page has, through the host
//! object's `ask(message)`, with the messages of `core::protocol::panels`.
//!
//! ```ignore
//! // The page, once the module said it is ready (`tjs-panels-ready`):
//! window.dispatchEvent(new CustomEvent("tjs-panels", {detail: {host: {ask(message) {...}}}}))
//! let body = page_body();
//! ```

mod account_check;
mod drafts;
mod export;
mod job_log;
mod job_metrics;
mod jobs;
mod read_note;
mod service_call;
mod share;
mod submit;

use std::cell::RefCell;

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::protocol::panels::{
    News, PageAnswer, PageQuestion, DRAFTS_MOUNT_ID, EXPORT_MOUNT_ID, OPEN_EVENT, READY_EVENT, SERVICE_MOUNT_ID,
};
use drafts::Drafts;
use export::Export;
use jobs::{FollowedJob, JobList};
use service_call::Settings;
use submit::Submit;

thread_local! {
    /// The page's host object, with its function `ask(message)`.
    static HOST: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
}

/// What the page's `ask` gives for `question`: an answer's message, or a promise of one.
fn ask_host(question: &PageQuestion) -> JsValue {
    HOST.with(|host| {
        js_sys::Reflect::get(&host.borrow(), &JsValue::from_str("ask"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call1(&JsValue::NULL, &JsValue::from_str(&question.encode())).ok())
            .unwrap_or(JsValue::UNDEFINED)
    })
}

fn read_answer(answer: JsValue) -> PageAnswer {
    answer.as_string().map_or_else(|| PageAnswer::Failed("The page gave no answer.".into()), |a| PageAnswer::decode(&a))
}

/// Asks the page `question`, which it answers at once.
pub fn ask_page(question: &PageQuestion) -> PageAnswer {
    read_answer(ask_host(question))
}

/// Asks the page `question`, whose answer may come later (a clone).
pub async fn ask_page_later(question: &PageQuestion) -> PageAnswer {
    let answer = ask_host(question);
    match answer.dyn_into::<js_sys::Promise>() {
        Ok(promise) => read_answer(wasm_bindgen_futures::JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED)),
        Err(answer) => read_answer(answer),
    }
}

/// Tells the page something it only has to do.
pub fn tell_page(question: PageQuestion) {
    let _ = ask_page(&question);
}

/// The page's form as a request body; null if the page could not say.
pub fn page_body() -> Value {
    match ask_page(&PageQuestion::Body) {
        PageAnswer::Body(body) => body,
        _ => Value::Null,
    }
}

/// The page's yes or no to `question`; no if it could not say.
pub fn page_agrees(question: PageQuestion) -> bool {
    matches!(ask_page(&question), PageAnswer::Flag(true))
}

/// The page's count for `question` (errors); 0 if it could not say.
pub fn page_count(question: PageQuestion) -> usize {
    match ask_page(&question) {
        PageAnswer::Count(count) => count,
        _ => 0,
    }
}

/// The region the page answers `question` with (`Region`, `DefaultRegion`); empty if it could
/// not say.
pub fn page_region(question: PageQuestion) -> String {
    match ask_page(&question) {
        PageAnswer::Region(region) => region,
        _ => String::new(),
    }
}

/// Whether the page is shown, not in a background tab or a minimised window: the job's log and
/// charts read only while it is (GetMetricData is billed per metric asked for).
pub fn page_shown() -> bool {
    web_sys::window().and_then(|w| w.document()).is_none_or(|d| !d.hidden())
}

/// Calls `then` each time the page is shown again, for as long as the calling component lives.
/// (The browser's `visibilitychange` is fired at the document and bubbles to the window.)
pub fn when_shown_again(then: impl Fn() + 'static) {
    let listener = window_event_listener_untyped("visibilitychange", move |_| {
        if page_shown() {
            then();
        }
    });
    on_cleanup(move || listener.remove());
}

/// The module's start: waits for the page's host object, draws the panels, and says it is ready.
pub fn start() {
    let listener = window_event_listener_untyped(OPEN_EVENT, |event| {
        let detail = event.unchecked_into::<web_sys::CustomEvent>().detail();
        let host = js_sys::Reflect::get(&detail, &JsValue::from_str("host")).unwrap_or(JsValue::UNDEFINED);
        let first = HOST.with(|slot| slot.replace(host).is_undefined());
        if first {
            // The page's service worker answers this module's questions too.
            crate::ui::shared::service_worker::relay_through(|message| {
                Box::pin(async move {
                    match ask_page_later(&PageQuestion::Service(message)).await {
                        PageAnswer::Service(answer) => Ok(answer),
                        PageAnswer::Failed(why) => Err(why),
                        _ => Err("The page answered another question.".into()),
                    }
                })
            });
            mount();
        }
    });
    // The panels live as long as the page.
    std::mem::forget(listener);
    if let Some(window) = web_sys::window() {
        if let Ok(ready) = web_sys::CustomEvent::new(READY_EVENT) {
            let _ = window.dispatch_event(&ready);
        }
    }
}

/// Draws each panel in the page's element for it, in place of its loading note.
fn mount() {
    // The page's region, followed (it is chosen at the top of the page), and its form's changes.
    let region = RwSignal::new(page_region(PageQuestion::Region));
    let form_changed = Trigger::new();
    let follow = window_event_listener_untyped(News::EVENT, move |event| {
        let detail = event.unchecked_into::<web_sys::CustomEvent>().detail().as_string().unwrap_or_default();
        if let Some(News::FormChanged { region: chosen }) = News::decode(&detail) {
            if region.with_untracked(|r| *r != chosen) {
                region.set(chosen);
            }
            form_changed.notify();
        }
    });
    std::mem::forget(follow);
    let settings = Settings::new(region);
    let followed = RwSignal::new(None::<String>);
    mount_in(SERVICE_MOUNT_ID, move || {
        view! {
            <Submit settings followed form_changed/>
            <FollowedJob followed settings/>
            <JobList followed settings/>
        }
    });
    mount_in(DRAFTS_MOUNT_ID, Drafts);
    mount_in(EXPORT_MOUNT_ID, move || view! { <Export region form_changed/> });
    share::open_in_form();
    // A share link opened in a tab that already has the app changes only the fragment.
    let _ = window_event_listener(leptos::ev::hashchange, |_| share::open_in_form());
}

/// Draws `panel` in the page's element `id`, replacing its loading note.
fn mount_in<V: IntoView + 'static>(id: &str, panel: impl FnOnce() -> V + 'static) {
    let Some(element) = document().get_element_by_id(id) else { return };
    element.set_inner_html("");
    let _ = element.remove_attribute("aria-busy");
    leptos::mount::mount_to(element.unchecked_into::<web_sys::HtmlElement>(), panel).forget();
}

/// A call for later that a newer one replaces and that can be called off: the followed job's next
/// check, the log's next read.
#[derive(Clone, Copy)]
pub struct Later(StoredValue<Option<TimeoutHandle>>);

impl Default for Later {
    /// Nothing planned yet.
    fn default() -> Self {
        Later(StoredValue::new(None))
    }
}

impl Later {
    /// Calls `then` in `delay_ms`, instead of what was planned.
    pub fn plan(self, delay_ms: u32, then: impl FnOnce() + 'static) {
        self.cancel();
        let handle = set_timeout_with_handle(then, std::time::Duration::from_millis(u64::from(delay_ms))).ok();
        self.0.set_value(handle);
    }

    /// Calls off what was planned.
    pub fn cancel(self) {
        if let Some(handle) = self.0.get_value() {
            handle.clear();
        }
        self.0.set_value(None);
    }
}
