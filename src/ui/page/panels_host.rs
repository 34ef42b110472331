//! The page's side of the panels it loads later: Export, Submit and the job panel (behaviour §5, §6,
//! S11), and Templates and drafts. They are a module of their own (`src/bin/panels.rs`, `ui/panels/mod.rs`), loaded
//! when either section first comes near the viewport, so that none of it weighs on the first
//! load. The page draws each section's heading and the element its panel is drawn in, then
//! answers what only the page knows through one function of its host object, `ask(message)`,
//! whose messages are `core::protocol::panels`'s; it tells them of changes with its `News`.
//!
//! ```ignore
//! view! { <DraftsSlot/> <SubmitSlot/> }
//! ```

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::import::{report_of, time_suffix};
use super::near_view::near_view;

use super::Studio;
use crate::core::draft::Draft;
use crate::core::formats::CloneFor;
use crate::core::path::FormPath;
use crate::core::protocol::panels::{
    News, PageAnswer, PageQuestion, DRAFTS_MOUNT_ID, EXPORT_MOUNT_ID, OPEN_EVENT, READY_EVENT, SERVICE_MOUNT_ID,
};
use crate::core::share_link;
use crate::ui::shared::{service_worker, storage};

/// The module's start-up script, which Trunk writes next to index.html.
const LOADER: &str = "./panels_loader.js";

/// Whether the module was asked for, and why it could not load: one record for the page, which
/// both sections share (see [`LaterPanels::provide`]).
#[derive(Clone, Copy)]
pub struct LaterPanels {
    requested: StoredValue<bool>,
    problem: RwSignal<Option<String>>,
}

impl LaterPanels {
    /// Gives the page its record, for the sections below to share; called once, by the page.
    pub fn provide() {
        provide_context(LaterPanels { requested: StoredValue::new(false), problem: RwSignal::new(None) });
    }

    /// Loads the module once `node` first comes near the viewport, unless it was asked for already.
    /// On a tall screen the drafts section is within reach at once; the module then waits until
    /// the browser is idle, so that it never slows the form's own start.
    fn load_near<E: leptos::html::ElementType>(self, studio: Studio, node: NodeRef<E>)
    where
        E::Output: JsCast + Clone + 'static,
    {
        let near = near_view(node, false);
        Effect::new(move |_| {
            if !near.get() || self.requested.get_value() {
                return;
            }
            self.requested.set_value(true);
            when_idle(move || {
                leptos::task::spawn_local(async move {
                    if let Err(message) = load(studio).await {
                        self.problem.set(Some(message));
                    }
                })
            });
        });
    }

    /// Loads the module now, unless it was asked for already.
    fn load_now(self, studio: Studio) {
        if !self.requested.get_value() {
            self.requested.set_value(true);
            leptos::task::spawn_local(async move {
                if let Err(message) = load(studio).await {
                    self.problem.set(Some(message));
                }
            });
        }
    }

    /// Why the panels could not load, as an alert; nothing while all is well.
    fn problem_view(self) -> impl IntoView {
        move || self.problem.get().map(|message| view! { <p class="problem error" role="alert">{message}</p> })
    }
}

/// Loads the later panels at once when the address carries a share link, now or later (a link
/// opened in a tab that already has the app changes only the fragment): they open it
/// (`share::open_in_form`), so that its code is not in the first load.
pub fn load_for_share_links(studio: Studio) {
    let panels = expect_context::<LaterPanels>();
    let load_if_shared = move || {
        if share_link::read(&window().location().hash().unwrap_or_default()).is_some() {
            panels.load_now(studio);
        }
    };
    load_if_shared();
    // The listener lives as long as the page.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| load_if_shared());
}

/// Runs `start` once the browser is idle, or after the next frame where it cannot say so
/// (WebKit has no `requestIdleCallback`).
fn when_idle(start: impl Fn() + 'static) {
    if js_sys::Reflect::has(&window(), &JsValue::from_str("requestIdleCallback")).unwrap_or(false) {
        request_idle_callback(start);
    } else {
        request_animation_frame(start);
    }
}

/// Tells the panels (`News::FormChanged`) a moment after the form's body or region last changed, so that what they show of the form follows it while typing costs
/// no more than restarting a timer.
pub fn tell_panels_of_changes(studio: Studio) {
    let mut tell_soon = debounce(std::time::Duration::from_millis(150), move |()| {
        let init = web_sys::CustomEventInit::new();
        let news = News::FormChanged { region: studio.region.get_untracked() };
        init.set_detail(&JsValue::from_str(&news.encode()));
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(News::EVENT, &init) {
            let _ = window().dispatch_event(&event);
        }
    });
    Effect::new(move |_| {
        studio.export.track();
        studio.region.track();
        tell_soon(());
    });
}

/// The Export section as the page draws it: its heading, then the panel.
#[component]
pub fn ExportSlot() -> impl IntoView {
    view! {
        <LaterSection class="export" title="Export" title_id="export-title" mount_id=EXPORT_MOUNT_ID
            loading="Loading the export formats…"/>
    }
}

/// The Submit section as the page draws it: its heading, then Submit and the job panel.
#[component]
pub fn SubmitSlot() -> impl IntoView {
    view! {
        <LaterSection class="submit" title="Submit" title_id="submit-title" mount_id=SERVICE_MOUNT_ID
            loading="Loading the submit panel…"/>
    }
}

/// The Templates and drafts section as the page draws it: its heading, whether the work is being
/// saved (the page's autosave knows), then the panel.
#[component]
pub fn DraftsSlot() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let saving = move || match studio.draft_status.with(|s| matches!(s, Some(Err(_)))) {
        false => "Your work is saved in this browser as you type and comes back when you reload.",
        true => {
            "This browser is not saving your work now (its storage is full or blocked): download or \
                     export it to keep it."
        }
    };
    view! {
        <LaterSection class="drafts" title="Templates and drafts" title_id="drafts-title" mount_id=DRAFTS_MOUNT_ID
            loading="Loading templates and drafts…">
            <p class="hint" data-draft="saving">{saving}</p>
        </LaterSection>
    }
}

/// A section whose panel is in the module loaded later: its heading, why the module could not
/// load (if so), and the element the module draws the panel in, with a loading note until then.
/// Coming near the viewport loads the module, unless the other section did already.
#[component]
fn LaterSection(
    /// The section's class, for its style.
    class: &'static str,
    /// The section's heading.
    title: &'static str,
    /// The heading's id, which labels the section and which links jump to.
    title_id: &'static str,
    /// The id of the element the module draws the panel in (`ui/panels/mod.rs`).
    mount_id: &'static str,
    /// What the section says until the module has drawn the panel.
    loading: &'static str,
    /// What the page itself says above the panel, if anything.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let panels = expect_context::<LaterPanels>();
    let node = NodeRef::<leptos::html::Section>::new();
    panels.load_near(studio, node);
    view! {
        <section class=class aria-labelledby=title_id node_ref=node>
            <h2 id=title_id>{title}</h2>
            {children.map(|c| c())}
            {panels.problem_view()}
            <div id=mount_id aria-busy="true"><p class="hint">{loading}</p></div>
        </section>
    }
}

/// Adds the module's script, waits until it listens, then hands it the host object.
async fn load(studio: Studio) -> Result<(), String> {
    let failed = |why: &str| format!("This panel could not load ({why}). Reload the page to try again.");
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
    let host = js_sys::Object::new();
    let ask = Closure::<dyn Fn(String) -> JsValue>::new(move |message: String| match PageQuestion::decode(&message) {
        // The clone's import runs in the service worker: its answer is a promise of one.
        Ok(PageQuestion::Clone(described)) => wasm_bindgen_futures::future_to_promise(async move {
            let clone_for = CloneFor { name_suffix: time_suffix(), region: studio.region.get_untracked() };
            let report = report_of(service_worker::import(&described, &clone_for).await, studio, false);
            Ok(JsValue::from_str(&PageAnswer::Cloned(report).encode()))
        })
        .into(),
        // The panels' questions for the service worker go to the page's own: one worker for both.
        Ok(PageQuestion::Service(message)) => wasm_bindgen_futures::future_to_promise(async move {
            let answer = match service_worker::relay(message).await {
                Ok(answer) => PageAnswer::Service(answer),
                Err(why) => PageAnswer::Failed(why),
            };
            Ok(JsValue::from_str(&answer.encode()))
        })
        .into(),
        Ok(question) => JsValue::from_str(&answer(studio, question).encode()),
        Err(why) => JsValue::from_str(&PageAnswer::Failed(why).encode()),
    });
    let _ = js_sys::Reflect::set(&host, &"ask".into(), &ask.into_js_value());
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"host".into(), &host);
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    let event = web_sys::CustomEvent::new_with_event_init_dict(OPEN_EVENT, &init).map_err(|_| failed("no event"))?;
    let _ = window().dispatch_event(&event);
    Ok(())
}

/// The page's answer to a panel's question (other than a clone or a relayed one, answered later).
fn answer(studio: Studio, question: PageQuestion) -> PageAnswer {
    match question {
        PageQuestion::Body => PageAnswer::Body(studio.export.with_untracked(|(body, _)| body.clone())),
        PageQuestion::ErrorsForSubmit => {
            // Asking to submit: every missing required member is flagged now.
            studio.quiet_sections.set(Vec::new());
            PageAnswer::Count(studio.error_count())
        }
        PageQuestion::ErrorCount => PageAnswer::Count(studio.error_count()),
        PageQuestion::Region => PageAnswer::Region(studio.region.get_untracked()),
        PageQuestion::ChooseRegion(region) => {
            studio.choose_region(region);
            PageAnswer::Done
        }
        PageQuestion::DefaultRegion(region) => {
            if storage::load_region().is_none() {
                studio.region.set(region);
            }
            PageAnswer::Region(studio.region.get_untracked())
        }
        PageQuestion::Mark(paths) => {
            let paths = paths.iter().map(|path| studio.export.with_untracked(|(_, map)| map.form_path(path))).collect();
            studio.service_paths.set(paths);
            PageAnswer::Done
        }
        PageQuestion::SetName(next) => {
            let name = FormPath::default().child("TrainingJobName");
            let used = studio.draft.with_untracked(|d| d.text(&name));
            studio.change_layout(|d| d.set_text(&name, next));
            say_at_the_name(&format!(
                "Changed from {used} after that job was submitted: a job name can be used once only."
            ));
            PageAnswer::Done
        }
        PageQuestion::MayReplace(why) => PageAnswer::Flag(studio.confirm_replace(&why)),
        PageQuestion::Unsaved => PageAnswer::Flag(studio.has_unsaved_work()),
        PageQuestion::Replace(body) => {
            studio.replace(body.map_or_else(super::blank_draft, |body| Draft::from_value(&body)));
            PageAnswer::Done
        }
        PageQuestion::Template(body) => {
            studio.replace(Draft::from_value(&body));
            if let Some(image) = body.pointer("/AlgorithmSpecification/TrainingImage").and_then(Value::as_str) {
                studio.algorithms.rewrite_template_image(image.to_string());
            }
            PageAnswer::Done
        }
        PageQuestion::Saved(body) => {
            studio.baseline.set(body);
            PageAnswer::Done
        }
        PageQuestion::AccountFindings(mut found) => {
            studio.give_form_paths(&mut found);
            studio.account_findings.set(found);
            PageAnswer::Done
        }
        PageQuestion::Clone(_) | PageQuestion::Service(_) => {
            PageAnswer::Failed("This question's answer comes later, as a promise.".into())
        }
    }
}

/// Puts `note` under the job name until the name is next edited. It is drawn here, once, rather
/// than by the name's control: a reactive part in the form's control costs the first load a
/// kilobyte.
fn say_at_the_name(note: &str) {
    let document = document();
    if let Some(earlier) = document.query_selector("[data-note-for=TrainingJobName]").ok().flatten() {
        earlier.remove();
    }
    let messages = document.query_selector("[data-error-for=TrainingJobName]").ok().flatten();
    let (Some(messages), Ok(shown)) = (messages, document.create_element("p")) else { return };
    shown.set_class_name("hint");
    let _ = shown.set_attribute("data-note-for", "TrainingJobName");
    let _ = shown.set_attribute("role", "status");
    shown.set_text_content(Some(note));
    let _ = messages.after_with_node_1(&shown);
    if let Some(name) = document.query_selector("[data-path=TrainingJobName]").ok().flatten() {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let forget = Closure::once_into_js(move || shown.remove());
        let _ = name.add_event_listener_with_callback_and_add_event_listener_options(
            "input",
            forget.unchecked_ref(),
            &options,
        );
    }
}
