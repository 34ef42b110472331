//! Share links: the request (never credentials) compressed with the browser's own
//! CompressionStream (deflate-raw, so no compression code ships in the app) and put in the URL
//! fragment as base64url, `#r=...`. The fragment never reaches a server.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::base64url;

/// The fragment prefix of a share link.
pub const PREFIX: &str = "#r=";

#[wasm_bindgen]
extern "C" {
    // CompressionStream and DecompressionStream share this interface (web-sys marks both unstable).
    type GenericTransformStream;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &GenericTransformStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &GenericTransformStream) -> web_sys::WritableStream;
}

/// Runs `bytes` through `new <class>("deflate-raw")` and collects the output.
async fn deflate_raw(class: &str, bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    let constructor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &class.into())?.dyn_into()?;
    let stream: GenericTransformStream =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&"deflate-raw".into()))?.unchecked_into();
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let piped = blob.stream().pipe_through(&web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable()));
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&piped))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The share link for `json` on the current page.
pub async fn link(json: &str) -> Result<String, String> {
    let compressed = deflate_raw("CompressionStream", json.as_bytes())
        .await
        .map_err(|_| "Compressing the request failed.".to_string())?;
    let location = web_sys::window().ok_or("no window")?.location();
    let page = location.href().map_err(|_| "no address")?;
    let page = page.split('#').next().unwrap_or_default();
    Ok(format!("{page}{PREFIX}{}", base64url::encode(&compressed)))
}

/// The request JSON in a share link's fragment (`#r=...`), or why it cannot be read.
pub async fn read(fragment: &str) -> Result<String, String> {
    let encoded = fragment.strip_prefix(PREFIX).ok_or("not a share link")?;
    let bytes = base64url::decode(encoded).ok_or("The share link is damaged (not base64url).")?;
    let json = deflate_raw("DecompressionStream", &bytes)
        .await
        .map_err(|_| "The share link is damaged (it does not decompress).".to_string())?;
    String::from_utf8(json).map_err(|_| "The share link is damaged (not text).".to_string())
}
