//! Reads a file that sits beside the app (deployment settings, help text, templates, the algorithm
//! catalogue), from the page or from a worker.
//!
//! ```ignore
//! let text = fetch::text("data/images.json").await?; // Err: a message for the user
//! ```

// Written against web-sys rather than with gloo-net (which Leptos compiles but the build drops
// unused): gloo-net's `Request::get(url).send()` in its place made the first load 2.3 KB and the
// algorithm worker 1.7 KB larger (gzip, measured 2026-11-26), and the first load has no room.
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text of `url` (relative to the page), or a message saying why not.
pub async fn text(url: &str) -> Result<String, String> {
    let asked = match web_sys::window() {
        Some(window) => window.fetch_with_str(url),
        // A worker's URLs are relative to its script, which sits beside the page.
        None => js_sys::global().unchecked_into::<web_sys::WorkerGlobalScope>().fetch_with_str(url),
    };
    let response = JsFuture::from(asked).await.map_err(|_| format!("{url} could not be fetched"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let body = response.text().map_err(|_| format!("{url}: no body"))?;
    JsFuture::from(body).await.ok().and_then(|t| t.as_string()).ok_or_else(|| format!("{url}: unreadable body"))
}
