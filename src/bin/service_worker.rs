//! The service worker: Trunk builds it as a web worker (index.html), and the page starts it the
//! first time it is needed (`src/ui/shared/service_worker.rs`): to sign a request, to import what the user
//! pasted, picked or dropped, or to check the request against the account (its lookups,
//! `src/ui/worker/account_lookups.rs`). Each message is a `tjs::core::protocol::service::Question`, and each
//! answer carries the question's id. Keeping aws-sigv4 and the import here
//! keeps them out of the page's first load.

#[cfg(target_arch = "wasm32")]
fn main() {
    use tjs::core::protocol::service::{Answer, Question, READY};
    use tjs::ui::worker::account_lookups;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let message = event.data().as_string().unwrap_or_default();
        let reply = replies.clone();
        let say = move |text: String| {
            let _ = reply.post_message(&JsValue::from_str(&text));
        };
        match Question::decode(&message) {
            // The account check waits on the network; other questions are answered at once.
            Ok((id, Question::CheckAccount { body, to })) => wasm_bindgen_futures::spawn_local(async move {
                say(account_lookups::check(body, to).await.encode(id));
            }),
            Ok((id, question)) => say(question.answer().encode(id)),
            Err((id, failure)) => say(Answer::Failed(failure).encode(id)),
        }
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
