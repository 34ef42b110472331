//! What the page and the later panels both link: the client of the service worker, the
//! browser's storage, fetching the files beside the app, asking the user, saving a file, and the
//! views both draw.

use wasm_bindgen::JsCast;

pub mod fetch;
pub mod service_worker;
pub mod storage;
pub mod views;

/// Asks the user with the browser's `confirm()`; false if it cannot ask.
pub fn ask(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}

/// Offers `contents` as a file download named `name`; false if the browser did not allow it.
pub fn save_file(name: &str, contents: &str) -> bool {
    offer_file(name, contents).is_some()
}

fn offer_file(name: &str, contents: &str) -> Option<()> {
    let document = web_sys::window().and_then(|w| w.document())?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(if name.ends_with(".json") { "application/json" } else { "text/plain" });
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor = document.create_element("a").ok()?.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}
