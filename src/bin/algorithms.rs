//! The algorithm worker: Trunk builds it as a web worker (index.html), and the page starts it when
//! the form first needs the algorithm catalogue (`src/ui/page/algorithms.rs`). It fetches the two data
//! files beside the app, then answers each state the page sends (`tjs::core::protocol::algorithm`). The catalogue,
//! its parser and the behaviour §10 checks live here, out of the page's first load.

#[cfg(target_arch = "wasm32")]
fn main() {
    use tjs::core::algorithm::{Catalogue, ACCEPTS_FILE, IMAGES_FILE};
    use tjs::core::protocol::algorithm as protocol;
    use tjs::ui::shared::fetch::text;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();

    wasm_bindgen_futures::spawn_local(async move {
        let (images, accepts) = futures::future::join(text(IMAGES_FILE), text(ACCEPTS_FILE)).await;
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
