//! The service worker: Trunk builds it as a web worker (index.html), and the page starts it the
//! first time it is needed (`src/ui/shared/service_worker.rs`): to sign a request, or to import what the user
//! pasted, picked or dropped. Each message is a `tjs::core::protocol::service::Question`, and each
//! answer carries the question's id. Keeping aws-sigv4 and the import here
//! keeps them out of the page's first load.

#[cfg(target_arch = "wasm32")]
fn main() {
    use tjs::core::protocol::service::{answer, READY};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let question = event.data().as_string().unwrap_or_default();
        let _ = replies.post_message(&JsValue::from_str(&answer(&question)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages that arrive before the handler is set are lost, so the page waits for this.
    let _ = scope.post_message(&JsValue::from_str(READY));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app's service worker: build it with `trunk build` (see README.md).");
}
