//! The page's side of the algorithm worker (`src/bin/algorithms.rs`, behaviour §10). The page sends
//! it the state it judges whenever that changes, and shows its answers: the problems, what it
//! knows of the image, the typed hyperparameters and the image picker. The worker answers in
//! order, so the last answer is always the latest; nothing waits on a particular reply.
//!
//! ```ignore
//! algorithms::start(studio);                                  // once something needs it
//! studio.image_facts.with(|facts| facts.picker_uri());        // its latest answer
//! ```

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::Studio;
use crate::core::path::FormPath;
use crate::core::protocol::algorithm::{self as protocol, ImageFacts, Reply};

/// The worker's start-up script, which Trunk writes next to index.html.
const WORKER_SCRIPT: &str = "./algorithms_loader.js";

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
}

/// Where the algorithm worker is in its life.
#[derive(Clone, PartialEq)]
enum Life {
    /// Nothing has needed it yet.
    NotStarted,
    /// Started, loading its catalogue.
    Starting,
    /// It answers.
    Ready,
    /// It could not start, and why (a sentence for the user).
    Failed(String),
}

/// The algorithm worker.
#[derive(Clone, Copy)]
pub struct Algorithms {
    /// Where the worker is in its life.
    life: RwSignal<Life>,
    /// The state last sent, as its message; empty until one is sent.
    sent: StoredValue<String>,
    /// A template's built-in image as the template has it, until an answer offers the same image
    /// in the page's region.
    template_image: StoredValue<String>,
}

impl Algorithms {
    pub fn new() -> Self {
        Algorithms {
            life: RwSignal::new(Life::NotStarted),
            sent: StoredValue::new(String::new()),
            template_image: StoredValue::new(String::new()),
        }
    }

    /// A template with the image `uri` was just put in the form: once the worker has judged it,
    /// a built-in image of another region is written for the page's region. A template is ours,
    /// not the user's, so it is rewritten without asking.
    pub fn rewrite_template_image(&self, uri: String) {
        self.template_image.set_value(uri);
    }

    /// Whether the worker answers. Reactive.
    pub fn ready(&self) -> bool {
        self.life.with(|life| *life == Life::Ready)
    }

    /// Why the worker could not start; empty if it could. Reactive.
    pub fn failure(&self) -> String {
        self.life.with(|life| match life {
            Life::Failed(why) => why.clone(),
            _ => String::new(),
        })
    }
}

/// Starts the worker unless it runs or is starting; its answers go to `studio`.
pub fn start(studio: Studio) {
    let algorithms = studio.algorithms;
    if algorithms.life.with_untracked(|life| *life != Life::NotStarted) {
        return;
    }
    algorithms.life.set(Life::Starting);
    let failed = move |message: String| {
        algorithms.life.set(Life::Failed(format!(
            "The algorithm catalogue could not be loaded ({message}), so images and hyperparameters are not checked. \
             Reload the page to try again."
        )))
    };
    let worker = match web_sys::Worker::new(WORKER_SCRIPT) {
        Ok(worker) => worker,
        Err(e) => return failed(e.as_string().unwrap_or_else(|| "the worker did not start".into())),
    };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        match Reply::decode(&event.data().as_string().unwrap_or_default()) {
            Reply::Ready => algorithms.life.set(Life::Ready),
            Reply::CouldNotStart(why) => failed(why),
            Reply::Judged(facts) => show(studio, facts),
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

/// Shows an answer: its problems on the form's fields, and the rest as the image facts. When the
/// image it recognises changes, the picker shows that image.
fn show(studio: Studio, facts: ImageFacts) {
    // An answer may judge an earlier state, so the offer is taken only for the template's own
    // image (the same repository and tag) while the form still has it.
    let template = studio.algorithms.template_image;
    if let Some(rewritten) = facts.rewrite().filter(|_| !template.with_value(String::is_empty)) {
        let image = FormPath::default().child("AlgorithmSpecification").child("TrainingImage");
        let current = studio.draft.with_untracked(|d| d.text(&image));
        let same_image = |a: &str, b: &str| a.split_once('/').map(|p| p.1) == b.split_once('/').map(|p| p.1);
        if template.with_value(|t| *t == current) && same_image(&rewritten, &current) {
            template.set_value(String::new());
            return studio.change_layout(|d| d.set_text(&image, rewritten));
        }
    }
    let mut found = facts.problems();
    studio.give_form_paths(&mut found);
    if studio.algorithm_findings.with_untracked(|shown| *shown != found) {
        studio.algorithm_findings.set(found);
    }
    // Kept apart, so that the facts change (and their controls redraw) only when they do.
    let facts = facts.without_problems();
    if let Some(known) = facts.recognised() {
        if studio.image_facts.with_untracked(|old| old.recognised().as_ref() != Some(&known)) {
            studio.picked.set(known.picked);
        }
    }
    if studio.image_facts.with_untracked(|old| *old != facts) {
        studio.image_facts.set(facts);
    }
}

/// Sends the worker the state it judges ([`protocol::state`]) whenever it changes: the
/// members the checks read, the region and the picker. Starts the worker once there is an
/// image to judge.
pub fn follow(studio: Studio) {
    Effect::new(move |_| {
        let region = studio.region.get();
        let state = studio.picked.with(|picked| studio.export.with(|(body, _)| protocol::state(body, &region, picked)));
        if state.body.get("AlgorithmSpecification").is_some() {
            start(studio);
        }
        if !studio.algorithms.ready() {
            return;
        }
        let text = state.encode();
        if studio.algorithms.sent.with_value(|sent| *sent == text) {
            return;
        }
        if let Some(worker) = WORKER.with(|slot| slot.borrow().clone()) {
            let _ = worker.post_message(&JsValue::from_str(&text));
        }
        studio.algorithms.sent.set_value(text);
    });
}
