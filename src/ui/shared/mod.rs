//! What the page and the later panels both link: the client of the service worker, the
//! browser's storage, fetching the files beside the app, asking the user, and the views both draw.

pub mod fetch;
pub mod service_worker;
pub mod storage;
pub mod views;

/// Asks the user with the browser's `confirm()`; false if it cannot ask.
pub fn ask(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}
