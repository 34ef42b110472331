//! The algorithm worker: Trunk builds it as a web worker (index.html), and the page starts it when
//! the form first needs the algorithm catalogue (`src/ui/algorithms.rs`). It fetches the two data
//! files beside the app, then answers requests (`tjs::core::algorithm::protocol`). The catalogue,
//! its parser and the SPEC S10 checks live here, out of the page's first load.

#[cfg(target_arch = "wasm32")]
fn main() {
    use tjs::core::algorithm::{protocol, Catalogue, ACCEPTS_FILE, IMAGES_FILE};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();

    async fn fetch_text(scope: &web_sys::DedicatedWorkerGlobalScope, url: &str) -> Result<String, String> {
        let response = JsFuture::from(scope.fetch_with_str(url)).await.map_err(|_| format!("{url} could not be fetched"))?;
        let response: web_sys::Response = response.dyn_into().map_err(|_| format!("{url}: not a response"))?;
        if !response.ok() {
            return Err(format!("{url}: HTTP {}", response.status()));
        }
        let text = response.text().map_err(|_| format!("{url}: no body"))?;
        JsFuture::from(text).await.ok().and_then(|t| t.as_string()).ok_or_else(|| format!("{url}: unreadable body"))
    }

    wasm_bindgen_futures::spawn_local(async move {
        let (images, accepts) = futures::future::join(fetch_text(&scope, IMAGES_FILE), fetch_text(&scope, ACCEPTS_FILE)).await;
        let loaded = images.and_then(|images| Catalogue::from_json(&images, &accepts?));
        let _ = scope.post_message(&JsValue::from_str(&protocol::ready(&loaded)));
        let Ok(catalogue) = loaded else { return };
        let replies = scope.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let request = event.data().as_string().unwrap_or_default();
            let _ = replies.post_message(&JsValue::from_str(&protocol::answer(&catalogue, &request)));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app's algorithm worker: build it with `trunk build` (see README.md).");
}
