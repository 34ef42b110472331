//! Share links: the request (never credentials) compressed with the browser's own
//! CompressionStream (deflate-raw, so no compression code ships in the app) and put in the URL
//! fragment as base64url with the region it was made for (`core::share_link`). The fragment
//! never reaches a server.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::{page_agrees, page_region, tell_page};
use crate::core::protocol::panels::PageQuestion;
use crate::core::{base64url, share_link};

#[wasm_bindgen]
extern "C" {
    // CompressionStream and DecompressionStream share this interface (web-sys marks both unstable).
    type GenericTransformStream;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &GenericTransformStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &GenericTransformStream) -> web_sys::WritableStream;
}

/// Why a stream did not give its output.
enum Failure {
    /// The browser has no such stream, or one without deflate-raw.
    Unsupported,
    /// The stream refused the bytes (for a link's: they were not deflate-raw).
    Failed,
}

/// Runs `bytes` through `new <class>("deflate-raw")` and collects the output.
async fn deflate_raw(class: &str, bytes: &[u8]) -> Result<Vec<u8>, Failure> {
    let stream: GenericTransformStream = js_sys::Reflect::get(&js_sys::global(), &class.into())
        .and_then(|constructor| constructor.dyn_into::<js_sys::Function>())
        .and_then(|constructor| js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&"deflate-raw".into())))
        .map_err(|_| Failure::Unsupported)?
        .unchecked_into();
    let output = async {
        let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
        let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
        let pair = web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable());
        let response = web_sys::Response::new_with_opt_readable_stream(Some(&blob.stream().pipe_through(&pair)))?;
        JsFuture::from(response.array_buffer()?).await
    };
    output.await.map(|buffer| Uint8Array::new(&buffer).to_vec()).map_err(|_| Failure::Failed)
}

/// The share link for `json`, made in `region`, on the current page.
pub async fn link(json: &str, region: &str) -> Result<String, String> {
    let compressed = deflate_raw("CompressionStream", json.as_bytes()).await.map_err(|failure| match failure {
        Failure::Unsupported => "This browser cannot make share links (it has no CompressionStream for \
                                 deflate-raw). Export the JSON instead, or use a current browser."
            .to_string(),
        Failure::Failed => "Compressing the request failed.".to_string(),
    })?;
    let location = web_sys::window().ok_or("no window")?.location();
    let page = location.href().map_err(|_| "no address")?;
    let page = page.split('#').next().unwrap_or_default();
    Ok(format!("{page}{}", share_link::fragment(&base64url::encode(&compressed), region)))
}

/// The request JSON in a share link's deflated, base64url part, or why it cannot be read.
pub async fn read(encoded: &str) -> Result<String, String> {
    let bytes = base64url::decode(encoded).ok_or("The share link is damaged (not base64url).")?;
    let json = deflate_raw("DecompressionStream", &bytes).await.map_err(|failure| match failure {
        Failure::Unsupported => "This browser cannot open share links (it has no DecompressionStream for \
                                 deflate-raw). Open the link in a current browser."
            .to_string(),
        Failure::Failed => "The share link is damaged (it does not decompress).".to_string(),
    })?;
    String::from_utf8(json).map_err(|_| "The share link is damaged (not text).".to_string())
}

/// Opens the request a share link in the address carries, in the region it was made for, then
/// takes the fragment off the address so that a reload shows the user's edits rather than the
/// link again. Part of the later panels: the page loads them at once when the address has a
/// share link (`panels_host::load_for_share_links`).
pub fn open_in_form() {
    let Some(window) = web_sys::window() else { return };
    let fragment = window.location().hash().unwrap_or_default();
    let Some(link) = share_link::read(&fragment) else { return };
    let encoded = link.request.to_string();
    let region = link.region.map(|r| r.map(str::to_string)).map_err(str::to_string);
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = match read(&encoded).await {
            Ok(text) => {
                crate::ui::shared::service_worker::import(&text, &Default::default()).await.map_err(|e| e.to_string())
            }
            Err(message) => Err(message),
        };
        match outcome {
            Ok(imported) => {
                if !page_agrees(PageQuestion::Unsaved)
                    || crate::ui::shared::ask("Open the shared request? It replaces the request you were working on.")
                {
                    match region {
                        Ok(Some(region)) => {
                            tell_page(PageQuestion::ChooseRegion(region));
                        }
                        Ok(None) => {}
                        Err(unknown) => {
                            let current = page_region(PageQuestion::Region);
                            let _ = window.alert_with_message(&format!(
                                "The share link names a region this app does not know ({}); the request opens in {current}.",
                                crate::core::unicode::isolate(&unknown)
                            ));
                        }
                    }
                    tell_page(PageQuestion::Replace(Some(imported.draft.body())));
                }
            }
            Err(message) => {
                let _ = window.alert_with_message(&format!("This share link could not be opened: {message}"));
            }
        }
        if let Ok(history) = window.history() {
            let page = window.location().href().unwrap_or_default();
            let _ =
                history.replace_state_with_url(&JsValue::NULL, "", Some(page.split('#').next().unwrap_or_default()));
        }
    });
}
