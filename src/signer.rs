//! The signing worker: Trunk builds it as a web worker (index.html), and the page starts it the
//! first time the user submits (`src/ui/signer.rs`). Each message is a `SignJob` as JSON; the
//! answer is a `Signed` as JSON (`tjs::core::sign::answer`). Keeping aws-sigv4 here keeps it out
//! of the page's first load.

#[cfg(target_arch = "wasm32")]
use tjs::core::sign::WORKER_READY as READY;

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let job = event.data().as_string().unwrap_or_default();
        let _ = replies.post_message(&JsValue::from_str(&tjs::core::sign::answer(&job)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages that arrive before the handler is set are lost, so the page waits for this.
    let _ = scope.post_message(&JsValue::from_str(READY));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app's signing worker: build it with `trunk build` (see README.md).");
}
