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
    // Bound here because web-sys marks these as unstable.
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// Runs `bytes` through a transform stream and collects the output.
async fn transform(
    bytes: &[u8],
    readable: web_sys::ReadableStream,
    writable: web_sys::WritableStream,
) -> Result<Vec<u8>, JsValue> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let piped = blob.stream().pipe_through(&web_sys::ReadableWritablePair::new(&readable, &writable));
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&piped))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The share link for `json` on the current page.
pub async fn link(json: &str) -> Result<String, String> {
    let stream = CompressionStream::new("deflate-raw").map_err(|_| "This browser cannot compress.".to_string())?;
    let compressed = transform(json.as_bytes(), stream.readable(), stream.writable())
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
    let stream = DecompressionStream::new("deflate-raw").map_err(|_| "This browser cannot decompress.".to_string())?;
    let json = transform(&bytes, stream.readable(), stream.writable())
        .await
        .map_err(|_| "The share link is damaged (it does not decompress).".to_string())?;
    String::from_utf8(json).map_err(|_| "The share link is damaged (not text).".to_string())
}
