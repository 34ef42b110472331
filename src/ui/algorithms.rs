//! The page's side of the algorithm worker (`src/algorithm_worker.rs`, SPEC S10): starts it when
//! the form first needs it, sends requests with ids and hands each answer to its asker, so that
//! quick successive requests never get each other's answers.
//!
//! ```ignore
//! let algorithms = studio.algorithms;
//! algorithms.start();                                   // once something needs it
//! let reply = algorithms.ask(json!({"ask": "images"})).await?; // a serde_json::Value
//! ```

use std::cell::RefCell;

use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::Studio;
use crate::core::algorithm::protocol;

/// The worker's start-up script, which Trunk writes next to index.html.
const WORKER_SCRIPT: &str = "./algorithms_loader.js";

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// Requests waiting for their answer: (id, the function that hands it over).
    static WAITING: RefCell<Vec<(u64, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
}

/// The algorithm worker, shared by the checks, the image picker and the typed hyperparameters.
/// Its state is kept in signal types the page already has: each new one adds code to the first
/// load.
#[derive(Clone, Copy)]
pub struct Algorithms {
    /// It answers requests.
    ready: RwSignal<bool>,
    /// Why it could not start; empty while all is well.
    failure: RwSignal<String>,
    /// The last request id; 0 until the worker is started.
    last_id: StoredValue<u64>,
}

impl Algorithms {
    pub fn new() -> Self {
        Algorithms { ready: RwSignal::new(false), failure: RwSignal::new(String::new()), last_id: StoredValue::new(0) }
    }

    /// Starts the worker unless it runs or is starting.
    pub fn start(&self) {
        if self.last_id.get_value() != 0 {
            return;
        }
        self.last_id.set_value(1);
        let (ready, failure) = (self.ready, self.failure);
        let failed = move |message: String| {
            failure.set(format!(
                "The algorithm catalogue could not be loaded ({message}), so images and hyperparameters are not \
                 checked. Reload the page to try again."
            ))
        };
        let worker = match web_sys::Worker::new(WORKER_SCRIPT) {
            Ok(worker) => worker,
            Err(e) => return failed(describe(&e)),
        };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            let reply: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            match reply.get("ready").and_then(Value::as_bool) {
                Some(true) => return ready.set(true),
                Some(false) => return failed(reply["error"].as_str().unwrap_or("unknown error").to_string()),
                None => {}
            }
            let id = reply.get("id").and_then(Value::as_u64);
            let waiting = WAITING.with(|w| {
                let mut w = w.borrow_mut();
                let at = w.iter().position(|(i, _)| Some(*i) == id)?;
                Some(w.swap_remove(at).1)
            });
            if let Some(hand_over) = waiting {
                let _ = hand_over.call1(&JsValue::NULL, &JsValue::from_str(&text));
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            failed(event.message());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The handlers live as long as the worker, which lives as long as the page.
        on_message.forget();
        on_error.forget();
        WORKER.with(|slot| *slot.borrow_mut() = Some(worker));
    }

    /// Whether the worker answers requests. Reactive.
    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    /// Why the worker could not start; empty if it could. Reactive.
    pub fn failure(&self) -> String {
        self.failure.get()
    }

    /// Sends `request` (an object with `ask`) and waits for its answer.
    pub async fn ask(&self, mut request: Value) -> Result<Value, String> {
        let ready = self.ready.get_untracked();
        let worker = WORKER.with(|slot| slot.borrow().clone()).filter(|_| ready).ok_or("not ready")?;
        let id = self
            .last_id
            .try_update_value(|n| {
                *n += 1;
                *n
            })
            .ok_or("gone")?;
        request["id"] = Value::from(id);
        let answer = js_sys::Promise::new(&mut |hand_over, _| WAITING.with(|w| w.borrow_mut().push((id, hand_over))));
        worker.post_message(&JsValue::from_str(&request.to_string())).map_err(|e| describe(&e))?;
        let text = wasm_bindgen_futures::JsFuture::from(answer).await.map_err(|e| describe(&e))?;
        let reply: Value = serde_json::from_str(&text.as_string().unwrap_or_default()).map_err(|e| e.to_string())?;
        match reply.get("error").and_then(Value::as_str) {
            Some(message) => Err(message.to_string()),
            None => Ok(reply),
        }
    }
}

/// Keeps [`Studio::algorithm_findings`] up to date: each change to what the checks read (the image,
/// hyperparameters, instances, channels, environment) or to the region is sent to the worker, and
/// only the answer to the latest request is kept.
pub fn follow_checks(studio: Studio) {
    let last_sent = StoredValue::new(String::new());
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let region = studio.region.get();
        let Some(request) = studio.export.with(|(body, _)| protocol::check_request(body, &region)) else {
            last_sent.set_value(String::new());
            if studio.algorithm_findings.with_untracked(|f| !f.is_empty()) {
                studio.algorithm_findings.set(Vec::new());
            }
            return;
        };
        studio.algorithms.start();
        if !studio.algorithms.ready() {
            return;
        }
        let sent = request.to_string();
        if last_sent.with_value(|last| *last == sent) {
            return;
        }
        last_sent.set_value(sent);
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        leptos::task::spawn_local(async move {
            let reply = studio.algorithms.ask(request).await;
            if latest.try_get_value() != Some(mine) {
                return; // A newer request is on its way.
            }
            let mut found = reply.map(|r| protocol::problems_of(&r)).unwrap_or_default();
            studio.export.with_untracked(|(_, paths)| found.iter_mut().for_each(|p| p.path = paths.form_path(&p.path)));
            studio.algorithm_findings.set(found);
        });
    });
}

/// Keeps [`Studio::image_facts`] up to date with the image, the region, the instance type and
/// whether a script of the user's runs (then no typed hyperparameters).
pub fn follow_image(studio: Studio) {
    let asked = Memo::new(move |_| {
        studio.draft.with(|d| {
            json!({
                "ask": "image",
                "uri": d.text("AlgorithmSpecification.TrainingImage"),
                "instance_type": d.text("ResourceConfig.InstanceType"),
                "script": d.row_named("HyperParameters", "sagemaker_program").is_some(),
            })
        })
    });
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let mut request = asked.get();
        request["region"] = Value::from(studio.region.get());
        let uri = request["uri"].as_str().unwrap_or_default().trim().to_string();
        if !uri.is_empty() {
            studio.algorithms.start();
        }
        if !studio.algorithms.ready() {
            return;
        }
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        leptos::task::spawn_local(async move {
            let reply = studio.algorithms.ask(request).await.unwrap_or_default();
            if latest.try_get_value() == Some(mine) {
                studio.image_facts.set(reply);
            }
        });
    });
}

fn describe(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown error".into())
}
