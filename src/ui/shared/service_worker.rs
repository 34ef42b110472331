//! Asks the service worker (`src/bin/service_worker.rs`), which is started the first time it is needed, to
//! sign a request, decode the service's error, import a text, read credentials or write an
//! export: aws-sigv4, the error decoder and the import stay out of the page's first load. The
//! questions and answers are `core::protocol::service`'s.
//!
//! ```ignore
//! let signed = service_worker::sign(&job).await?; // SignJob in, SignedRequest or a message out
//! let imported = service_worker::import(&text, &clone_for).await; // as formats::import, off the page
//! ```

use std::cell::{Cell, RefCell};

use futures::future::LocalBoxFuture;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::account::Outcome;
use crate::core::exports::{ExportFormat, Written};
use crate::core::formats::{CloneFor, Imported};
use crate::core::json::JsonError;
use crate::core::protocol::service::{Answer, Question, READY, UNREADABLE};
use crate::core::protocol::Failure;
use crate::core::service_error::ServiceError;
use crate::core::sign::{Keys, SignJob, SignedRequest};

/// The worker's start-up script, which Trunk writes next to index.html.
const WORKER_SCRIPT: &str = "./service_worker_loader.js";

thread_local! {
    /// In the panels' module, the way to the page's worker (see [`relay_through`]).
    static RELAY: RefCell<Option<Relay>> = const { RefCell::new(None) };
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// The start under way, if any: a promise of the worker.
    static STARTING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// The questions waiting for their answer: id, the promise's resolve and reject. Rarely more
    /// than one, so a list (a HashMap would add its hasher to the first load).
    static WAITING: RefCell<Vec<(u32, js_sys::Function, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// A way to another module's worker: a question's message in, its answer's message out.
type Relay = std::rc::Rc<dyn Fn(String) -> LocalBoxFuture<'static, Result<String, String>>>;

/// Sends this module's questions through `relay` to another module's service worker: the panels'
/// module calls this once, with a relay through the page, so that the page and the panels share
/// one worker. (A function handed over at run time, so that the page links none of the relay.)
pub fn relay_through(relay: impl Fn(String) -> LocalBoxFuture<'static, Result<String, String>> + 'static) {
    RELAY.with(|slot| *slot.borrow_mut() = Some(std::rc::Rc::new(relay)));
}

/// Asks this module's worker the question in `message` (the panels' question, relayed by the
/// page), under an id of this module's; its answer's message.
pub async fn relay(message: String) -> Result<String, String> {
    ask(move |id| crate::core::protocol::service::with_id(&message, id)).await
}

/// Starts the worker now, so that it is ready when first asked (for example as the user starts
/// an import). Quietly does nothing if it cannot start: asking will say why.
pub fn warm_up() {
    leptos::task::spawn_local(async {
        let _ = worker().await;
    });
}

/// The worker, started and listening. One start at a time: a caller that comes while the worker
/// starts (an export asked twice as the form changes, say) waits for that same start.
async fn worker() -> Result<web_sys::Worker, String> {
    if let Some(worker) = WORKER.with(|slot| slot.borrow().clone()) {
        return Ok(worker);
    }
    let start = STARTING.with(|slot| slot.borrow_mut().get_or_insert_with(start_worker).clone());
    let started = wasm_bindgen_futures::JsFuture::from(start).await;
    STARTING.with(|slot| slot.borrow_mut().take());
    let worker: web_sys::Worker =
        started.map_err(|e| format!("The service worker could not start: {}", describe(&e)))?.unchecked_into();
    if WORKER.with(|slot| slot.borrow().is_none()) {
        listen(&worker);
        WORKER.with(|slot| *slot.borrow_mut() = Some(worker.clone()));
    }
    Ok(worker)
}

/// Starts a worker: a promise of it once it says it is listening (its first message, READY), or
/// of why it did not start.
fn start_worker() -> js_sys::Promise {
    let worker = match web_sys::Worker::new(WORKER_SCRIPT) {
        Ok(worker) => worker,
        Err(e) => return js_sys::Promise::reject(&e),
    };
    js_sys::Promise::new(&mut |resolve, reject| {
        let (started, refuse) = (worker.clone(), reject.clone());
        let on_message = Closure::once_into_js(move |event: web_sys::MessageEvent| {
            let _ = if event.data().as_string().as_deref() == Some(READY) {
                resolve.call1(&JsValue::NULL, &started)
            } else {
                refuse.call1(&JsValue::NULL, &JsValue::from_str("it started wrongly."))
            };
        });
        let on_error = Closure::once_into_js(move |event: web_sys::ErrorEvent| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&event.message()));
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
    })
}

/// From now on, each answer goes to the question with its id; if the worker fails, every
/// question waiting fails with it, and the next question starts a new worker.
fn listen(worker: &web_sys::Worker) {
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        // The answer is read by the one who asked (reading an import's takes the page a few ms).
        let Some(id) = text.split_once(' ').and_then(|(id, _)| id.parse::<u32>().ok()) else { return };
        let waiting = WAITING.with(|waiting| {
            let mut waiting = waiting.borrow_mut();
            waiting.iter().position(|(asked, _, _)| *asked == id).map(|at| waiting.swap_remove(at))
        });
        if let Some((_, resolve, _)) = waiting {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&text));
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(|event: web_sys::ErrorEvent| {
        WORKER.with(|slot| slot.borrow_mut().take());
        let failed: Vec<_> = WAITING.with(|waiting| waiting.take());
        for (_, _, reject) in failed {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&event.message()));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // They live as long as the worker.
    on_message.forget();
    on_error.forget();
}

/// Asks the worker the question `encode` writes for an id, and waits for its answer's message,
/// not yet read. (A closure rather than a `Question`, so that the page links the encoder of the
/// one question it asks, imports; and not async itself, so that each caller's closure does not
/// bring a copy of the waiting along.)
fn ask(encode: impl FnOnce(u32) -> String) -> impl std::future::Future<Output = Result<String, String>> {
    let id = NEXT_ID.with(|next| next.replace(next.get().wrapping_add(1)));
    ask_message(id, encode(id))
}

/// Sends question `id`, written as `message`, to the worker (or through the relay) and waits for
/// its answer's message.
async fn ask_message(id: u32, message: String) -> Result<String, String> {
    if let Some(relay) = RELAY.with(|relay| relay.borrow().clone()) {
        return relay(message).await;
    }
    let worker = worker().await?;
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        WAITING.with(|waiting| waiting.borrow_mut().push((id, resolve, reject)));
    });
    worker.post_message(&JsValue::from_str(&message)).map_err(|e| describe(&e))?;
    let answer = wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .map_err(|e| format!("The service worker failed: {}", describe(&e)))?;
    Ok(answer.as_string().unwrap_or_default())
}

/// Asks the worker `question` and reads its answer: the answer, or why there is none.
async fn answer_to(question: Question) -> Result<Answer, Failure> {
    let message = ask(|id| question.encode(id)).await.map_err(Failure::new)?;
    match Answer::decode(&message) {
        Some((_, Answer::Failed(failure))) => Err(failure),
        Some((_, answer)) => Ok(answer),
        None => Err(Failure::new(UNREADABLE)),
    }
}

/// The failure for an answer of the wrong kind, which a working worker never gives.
fn unexpected() -> Failure {
    Failure::new("The service worker answered another question.")
}

fn describe(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown error".into())
}

/// Signs `job` in the worker.
pub async fn sign(job: &SignJob) -> Result<SignedRequest, String> {
    match answer_to(Question::Sign(job.clone())).await.map_err(|f| f.message)? {
        Answer::Signed(signed) => Ok(signed),
        _ => Err(unexpected().message),
    }
}

/// Imports `text` in the worker, as `formats::import` does.
pub async fn import(text: &str, clone: &CloneFor) -> Result<Imported, JsonError> {
    read_imported(import_answer(text, clone).await)
}

/// The worker's answer to an import, not yet read (reading it takes the page a few ms).
pub async fn import_answer(text: &str, clone: &CloneFor) -> Result<String, String> {
    ask(|id| Question::Import { text: text.to_string(), clone: clone.clone() }.encode(id)).await
}

/// An answer of [`import_answer`] read, as `formats::import` would have returned it.
pub fn read_imported(answer: Result<String, String>) -> Result<Imported, JsonError> {
    // Line 0: the text was never read, so there is no place in it to point at.
    let failed = |f: Failure| JsonError { message: f.message, line: f.line, column: f.column };
    Answer::decode_import(&answer.map_err(|message| failed(Failure::new(message)))?).map_err(failed)
}

/// Decodes what the service answered with an error, in the worker: the error and the form paths
/// its message names. If the worker cannot answer, the body is shown as it came.
pub async fn decode_error(status: u16, body: &str) -> (ServiceError, Vec<String>) {
    match answer_to(Question::DecodeError { status, body: body.to_string() }).await {
        Ok(Answer::DecodedError { error, paths }) => (error, paths),
        _ => {
            let message = body.trim().chars().take(2000).collect();
            (ServiceError { status, code: format!("HTTP {status}"), message }, Vec::new())
        }
    }
}

/// Pasted credentials read in the worker (`core::credentials`): the keys and which profile of a
/// credentials file was used, or what is missing.
pub async fn credentials(text: &str, profile: &str) -> Result<(Keys, String), String> {
    let question = Question::ReadCredentials { text: text.to_string(), profile: profile.to_string() };
    match answer_to(question).await.map_err(|f| f.message)? {
        Answer::Credentials { keys, said } => Ok((keys, said)),
        _ => Err(unexpected().message),
    }
}

/// The request in an export format other than the CLI file command, written in the worker.
pub async fn export(format: ExportFormat, region: &str, body: &serde_json::Value) -> Result<Written, String> {
    let question = Question::Export { format, region: region.to_string(), body: body.clone() };
    match answer_to(question).await.map_err(|f| f.message)? {
        Answer::Exported(written) => Ok(written),
        _ => Err(unexpected().message),
    }
}

/// The account checks of `body` (behaviour §13), made in the worker with the calls `to` says:
/// what they found, and the checks that could not be made.
pub async fn check_account(body: &serde_json::Value, to: &crate::core::jobs::Destination) -> Result<Outcome, String> {
    let question = Question::CheckAccount { body: body.clone(), to: to.clone() };
    match answer_to(question).await.map_err(|f| f.message)? {
        Answer::AccountChecked(outcome) => Ok(outcome),
        _ => Err(unexpected().message),
    }
}
