//! Signs a request in the signing worker (`src/signer.rs`), which is started the first time it is
//! needed: aws-sigv4 and its dependencies stay out of the page's first load.
//!
//! ```ignore
//! let signed = signer::sign(job).await?; // SignJob in, SignedRequest or a message out
//! ```

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::sign::{job_json, read_answer, SignJob, SignedRequest};

/// The worker's start-up script, which Trunk writes next to index.html.
const WORKER_SCRIPT: &str = "./signer_loader.js";

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
}

/// The worker, started and listening.
async fn worker() -> Result<web_sys::Worker, String> {
    if let Some(worker) = WORKER.with(|slot| slot.borrow().clone()) {
        return Ok(worker);
    }
    let worker = web_sys::Worker::new(WORKER_SCRIPT)
        .map_err(|e| format!("The signing worker could not start: {}", describe(&e)))?;
    // Its first message says it is listening (WORKER_READY).
    next_message(&worker).await.map_err(|e| format!("The signing worker could not start: {e}"))?;
    WORKER.with(|slot| *slot.borrow_mut() = Some(worker.clone()));
    Ok(worker)
}

/// The worker's next message, or its error.
async fn next_message(worker: &web_sys::Worker) -> Result<JsValue, String> {
    let message = js_sys::Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |event: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        });
        let on_error = Closure::once_into_js(move |event: web_sys::ErrorEvent| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&event.message()));
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
    });
    wasm_bindgen_futures::JsFuture::from(message).await.map_err(|e| describe(&e))
}

fn describe(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown error".into())
}

pub async fn sign(job: &SignJob) -> Result<SignedRequest, String> {
    let worker = worker().await?;
    let message = job_json(job);
    let answer = next_message(&worker);
    let _ = worker.post_message(&JsValue::from_str(&message));
    let answer = answer.await.map_err(|e| {
        // A worker that failed is started afresh next time.
        WORKER.with(|slot| slot.borrow_mut().take());
        format!("The signing worker failed: {e}")
    })?;
    read_answer(&answer.as_string().unwrap_or_default())
}
