//! The page's side of the job panel (SPEC S11), which is a module of its own (`src/job_panel.rs`,
//! `ui/jobs.rs`) loaded when first needed, so that it costs the first load nothing. The page
//! loads it, then answers what only the page knows through a host object:
//! - `destination()`: where calls go, with the keys, as JSON (the keys stay in memory);
//! - `body()`: the body being edited, as JSON;
//! - `mark(paths)`: show a failure on the fields at these body paths (a JSON list);
//! - `clone(text)`: import a DescribeTrainingJob answer as a clone, as the Import box does, asking
//!   first if unsaved work would be replaced; a promise of the report as JSON (`null` if declined).
//!
//! ```ignore
//! job_panel_host::open(settings, studio, Some(job_name)); // after a successful submit
//! ```

use std::cell::RefCell;

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::import::{time_suffix, Report};
use super::jobs::{MOUNT_ID, OPEN_EVENT, READY_EVENT};
use super::service_call::Settings;
use super::{signer, Studio};
use crate::core::formats::CloneFor;

/// The module's start-up script, which Trunk writes next to index.html.
const LOADER: &str = "./jobs_loader.js";

thread_local! {
    /// The host object, made once; `Some` once the panel has said it is ready.
    static HOST: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Whether the panel has loaded, and why not if it could not.
#[derive(Clone, Copy)]
pub struct PanelStatus {
    loaded: RwSignal<bool>,
    problem: RwSignal<Option<String>>,
}

impl PanelStatus {
    /// Not loaded yet.
    pub fn new() -> Self {
        PanelStatus { loaded: RwSignal::new(false), problem: RwSignal::new(None) }
    }
}

/// Loads the panel if it is not loaded yet, then has it follow `follow` (a job name) or, without
/// one, open its job list.
pub fn open(settings: Settings, studio: Studio, follow: Option<String>, status: PanelStatus) {
    leptos::task::spawn_local(async move {
        let host = match HOST.with(|host| host.borrow().clone()) {
            Some(host) => host,
            None => match load(settings, studio).await {
                Ok(host) => host,
                Err(message) => {
                    status.problem.set(Some(message));
                    return;
                }
            },
        };
        status.problem.set(None);
        status.loaded.set(true);
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"host".into(), &host);
        match follow {
            Some(name) => js_sys::Reflect::set(&detail, &"follow".into(), &JsValue::from_str(&name)),
            None => js_sys::Reflect::set(&detail, &"list".into(), &JsValue::TRUE),
        }
        .ok();
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&detail);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(OPEN_EVENT, &init) {
            let _ = window().dispatch_event(&event);
        }
    });
}

/// Adds the panel's module script and waits until it listens; the host object for it.
async fn load(settings: Settings, studio: Studio) -> Result<JsValue, String> {
    let failed = |why: &str| format!("The job panel could not load ({why}). Reload the page to try again.");
    let ready = js_sys::Promise::new(&mut |resolve, reject| {
        let on_ready = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
            READY_EVENT,
            on_ready.unchecked_ref(),
            &options,
        );
        let script = document().create_element("script").ok().map(|e| e.unchecked_into::<web_sys::HtmlScriptElement>());
        let Some(script) = script else {
            let _ = reject.call1(&JsValue::NULL, &"no script element".into());
            return;
        };
        script.set_type("module");
        script.set_src(LOADER);
        let on_error = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &"its script did not arrive".into());
        });
        script.set_onerror(Some(on_error.unchecked_ref()));
        let _ = document().head().map(|head| head.append_child(&script));
    });
    wasm_bindgen_futures::JsFuture::from(ready).await.map_err(|e| failed(&e.as_string().unwrap_or_default()))?;
    let host = host_object(settings, studio);
    HOST.with(|slot| *slot.borrow_mut() = Some(host.clone()));
    Ok(host)
}

/// The functions the panel may call (see the module's doc).
fn host_object(settings: Settings, studio: Studio) -> JsValue {
    let host = js_sys::Object::new();
    let set = |name: &str, function: JsValue| {
        let _ = js_sys::Reflect::set(&host, &JsValue::from_str(name), &function);
    };
    set("destination", Closure::<dyn Fn() -> String>::new(move || settings.destination().to_json()).into_js_value());
    set(
        "body",
        Closure::<dyn Fn() -> String>::new(move || studio.export.with_untracked(|(body, _)| body.to_string()))
            .into_js_value(),
    );
    set(
        "mark",
        Closure::<dyn Fn(String)>::new(move |paths: String| {
            let paths: Vec<String> = serde_json::from_str::<Value>(&paths)
                .ok()
                .and_then(|v| v.as_array().cloned())
                .unwrap_or_default()
                .iter()
                .filter_map(Value::as_str)
                .map(|path| studio.export.with_untracked(|(_, map)| map.form_path(path)))
                .collect();
            studio.service_paths.set(paths);
        })
        .into_js_value(),
    );
    set(
        "clone",
        Closure::<dyn Fn(String) -> js_sys::Promise>::new(move |text: String| {
            wasm_bindgen_futures::future_to_promise(async move {
                let clone_for = CloneFor { name_suffix: time_suffix(), region: studio.region.get_untracked() };
                let report = Report::of(signer::import(&text, &clone_for).await, studio);
                Ok(JsValue::from_str(&report.map(|r| r.to_json()).unwrap_or_else(|| "null".into())))
            })
        })
        .into_js_value(),
    );
    host.into()
}

/// Where the panel is drawn, with the button that first opens the job list; the button goes once
/// the panel has its own.
#[component]
pub fn JobPanelSlot(
    /// Where calls go and with which keys.
    settings: Settings,
    /// Whether the panel has loaded.
    status: PanelStatus,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    view! {
        {move || (!status.loaded.get()).then(|| view! {
            <button type="button" data-action="list-jobs" on:click=move |_| open(settings, studio, None, status)>
                "List training jobs"
            </button>
        })}
        {move || status.problem.get().map(|message| view! { <p class="problem error" role="alert">{message}</p> })}
        <div id=MOUNT_ID class="job-panel"></div>
    }
}
