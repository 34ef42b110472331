//! The page: the first load. The form and its state ([`Studio`]), the preview, the summary,
//! import, undo, and the hosts of the algorithm worker and of the later panels.

mod algorithms;
mod cell;
mod field;
mod image_picker;
mod import;
mod map_rows;
mod member;
mod message_board;
mod near_view;
mod panels_host;
mod panic;
mod preview;
mod problems;
mod region_picker;
mod sections;
mod typed_hyperparameters;
mod undo;
mod unknown_members;

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::shared::{ask, fetch, storage};
use crate::core::draft::{Draft, PathMap};
use crate::core::history::{History, Source};
use crate::core::path::FormPath;
use crate::core::problem::{Problem, Severity};
use crate::core::protocol::algorithm::{ImageFacts, Picked};
use crate::core::validate::Revalidator;
use crate::core::{help, layout};
use algorithms::Algorithms;
use message_board::MessageBoard;

/// An empty form: one blank (so unsent) channel, since nearly every job reads data.
pub fn blank_draft() -> Draft {
    let mut blank = Draft::new();
    blank.push(&FormPath::default().child("InputDataConfig"));
    blank
}

/// State shared by every part of the page.
#[derive(Clone, Copy)]
pub struct Studio {
    /// The request being edited. Only the body and a few choices follow every change; controls
    /// read it through cells (see `cell.rs`) and lists through [`Studio::read_layout`].
    pub draft: RwSignal<Draft>,
    /// Whether the draft was restored from the last visit, or could not be saved (behaviour §12).
    pub draft_status: RwSignal<Option<Result<String, String>>>,
    /// Told when items or rows come, go or move, members are cleared, or a new draft comes in:
    /// the changes after which controls must re-read the draft.
    layout: Trigger,
    /// Undo and redo (behaviour §12): the drafts before each step and after each undone one.
    history: StoredValue<History<Draft>>,
    /// Told when a step is taken, undone or redone, for the undo and redo buttons.
    history_moved: Trigger,
    /// Each control's messages.
    pub messages: MessageBoard,
    /// The exact body that would be sent, and how its list positions map to the form's;
    /// recomputed once per edit.
    pub export: Memo<(Value, PathMap)>,
    /// Problems of the body, with paths as the form numbers its rows, less those held back in
    /// quiet sections.
    pub problems: Memo<Vec<Problem>>,
    /// How many problems are held back in quiet sections (missing required members).
    pub held_back: Memo<usize>,
    /// The sections whose missing required members are not flagged yet: on a form that started
    /// empty, until the user types in the section or asks to submit (`layout::held_back`).
    pub quiet_sections: RwSignal<Vec<&'static str>>,
    /// Paths named by the service's last ValidationException, highlighted until the next submit.
    pub service_paths: RwSignal<Vec<String>>,
    /// The body as it was last imported, loaded or saved: edits since then are unsaved work.
    pub baseline: RwSignal<Value>,
    /// The region to submit to, which the exported commands and the image checks use too. It
    /// survives a reload.
    pub region: RwSignal<String>,
    /// The algorithm worker, started when the form first needs it (behaviour §10).
    pub algorithms: Algorithms,
    /// What the algorithm worker found in the body, with form paths.
    pub algorithm_findings: RwSignal<Vec<Problem>>,
    /// What the account check found (behaviour §13), with form paths, as the Submit panel last
    /// sent it.
    pub account_findings: RwSignal<Vec<Problem>>,
    /// Our help text for each member (`data/help.json`), null until it has arrived: the prose is
    /// fetched once the form is up rather than carried in the first load.
    pub help: RwSignal<Value>,
    /// The algorithm worker's latest answer (problems, what it knows of the image, the typed
    /// hyperparameters, the resolved image picker); empty until it has answered.
    pub image_facts: RwSignal<ImageFacts>,
    /// What the user picked in the image picker.
    pub picked: RwSignal<Picked>,
}

impl Studio {
    /// The page's state: the draft restored from the last visit (or the empty form) and what
    /// derives from it. Nothing starts here; [`Studio::wire`] does that.
    fn new() -> Self {
        let restored = storage::load_autosave().filter(|d| d.body().as_object().is_some_and(|o| !o.is_empty()));
        // behaviour §12: say that earlier work came back, and later whether saving fails.
        let draft_status =
            RwSignal::new(restored.is_some().then(|| Ok("Your draft from the last visit was restored.".to_string())));
        // Work restored from the last visit was never saved as a draft: replacing it asks first.
        let baseline = RwSignal::new(blank_draft().body());
        let start = restored.unwrap_or_else(blank_draft);
        let draft = RwSignal::new(start.clone());
        let export = Memo::new(move |_| draft.with(Draft::export));
        // Re-checks only the top-level members a change touched.
        let checker = StoredValue::new(Revalidator::default());
        let algorithm_findings = RwSignal::new(Vec::new());
        let account_findings = RwSignal::new(Vec::new());
        let all_problems = Memo::new(move |_| {
            let mut found =
                export.with(|(body, paths)| checker.try_update_value(|c| c.run(body, paths)).unwrap_or_default());
            for more in [algorithm_findings, account_findings] {
                more.with(|more| found.extend(more.iter().cloned()));
            }
            found
        });
        let quiet_sections = RwSignal::new(quiet_unless_filled(&start));
        let problems = Memo::new(move |_| {
            let mut shown = all_problems.get();
            quiet_sections.with(|quiet| shown.retain(|p| !layout::held_back(p, quiet)));
            shown
        });
        let held_back = Memo::new(move |_| all_problems.with(Vec::len) - problems.with(Vec::len));
        let image_facts = RwSignal::new(ImageFacts::default());
        let service_paths = RwSignal::new(Vec::new());
        Studio {
            draft,
            draft_status,
            layout: Trigger::new(),
            history: StoredValue::new(History::default()),
            history_moved: Trigger::new(),
            messages: MessageBoard::new(problems, service_paths),
            export,
            problems,
            held_back,
            quiet_sections,
            service_paths,
            baseline,
            region: RwSignal::new(storage::load_region().unwrap_or_else(|| "us-east-1".into())),
            algorithms: Algorithms::new(),
            algorithm_findings,
            account_findings,
            help: RwSignal::new(Value::Null),
            image_facts,
            picked: RwSignal::new(Picked::default()),
        }
    }

    /// Gives problems found in the body (by the algorithm worker, by the account check) the paths
    /// the form numbers its rows by.
    fn give_form_paths(self, found: &mut [Problem]) {
        self.export.with_untracked(|(_, map)| found.iter_mut().for_each(|p| p.path = map.form_path(&p.path)));
    }

    /// Starts what keeps the state moving: the help text's fetch, the autosave, the copy the
    /// panic hook keeps, the algorithm worker's feed, share links and the panels' news. Called
    /// once, by the page, after [`Studio::new`].
    fn wire(self) {
        let help = self.help;
        leptos::task::spawn_local(async move {
            if let Ok(Ok(file)) = fetch::text(help::HELP_FILE).await.map(|text| serde_json::from_str::<Value>(&text)) {
                help.set(file);
            }
        });
        autosave(self.export, self.draft_status);
        panic::keep_draft_from(self.export);
        algorithms::follow(self);
        panels_host::load_for_share_links(self);
        panels_host::tell_panels_of_changes(self);
    }

    /// The help line of the member at `path` (list positions ignored), once the help file has
    /// arrived. Reactive.
    pub fn help_for(&self, path: &FormPath) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        let (file, key) = (self.help, path.member_names().join("."));
        move || file.with(|file| help::help_in(file, &key).to_string())
    }

    /// Reads what depends on the draft's layout only: which items a list has, where a row is.
    pub fn read_layout<T>(&self, read: impl FnOnce(&Draft) -> T) -> T {
        self.layout.track();
        self.draft.with_untracked(read)
    }

    /// Where the item or row `id` stands in the list or map at `path`. Its controls' paths are
    /// named by it (`Tags[2].Key`), so it follows the layout: items above can move or go.
    pub fn position_of(&self, path: StoredValue<FormPath>, id: u64) -> Memo<usize> {
        let studio = *self;
        Memo::new(move |_| studio.read_layout(|d| d.ids(&path.read_value()).iter().position(|i| *i == id).unwrap_or(0)))
    }

    /// Adds, removes, moves or clears, after which every control re-reads the draft. It is a
    /// step of its own for undo.
    pub fn change_layout(&self, change: impl FnOnce(&mut Draft)) {
        self.before_change(Source::Action);
        self.draft.update(change);
        self.layout.notify();
    }

    /// Keeps the draft as it is for undo when the change `source` is about to make starts a new
    /// step; typing in one control without a pause is one step.
    pub fn before_change(&self, source: Source) {
        let draft = self.draft;
        let started = self
            .history
            .try_update_value(|h| h.before_change(source, js_sys::Date::now(), || draft.get_untracked()))
            .unwrap_or(false);
        if started {
            self.history_moved.notify();
        }
    }

    /// Whether there is a step to undo (`back`) or redo. Reactive.
    pub fn can_travel(&self, back: bool) -> bool {
        self.history_moved.track();
        self.history.with_value(|h| if back { h.can_undo() } else { h.can_redo() })
    }

    /// Undoes (`back`) or redoes one step; every control re-reads the draft.
    pub fn travel(&self, back: bool) {
        let current = self.draft.get_untracked();
        let moved = self.history.try_update_value(|h| if back { h.undo(current) } else { h.redo(current) }).flatten();
        if let Some(state) = moved {
            // The signal still holds the draft as it was: no second copy is needed to compare.
            let changed = self.draft.with_untracked(|d| d.first_difference(&state));
            self.draft.update(|d| *d = d.brought_back(state));
            self.layout.notify();
            // Focus goes to what changed, so the user sees it and can go on from there.
            if let Some(path) = changed {
                problems::focus_field(&path.to_string());
            }
        }
        self.history_moved.notify();
    }

    /// Whether the form holds edits that were not saved, imported or loaded. Work restored from
    /// the last visit counts: it was never saved as a draft. The one answer to "may this be
    /// replaced without asking", for the page and the panels alike.
    pub fn has_unsaved_work(&self) -> bool {
        self.export.with_untracked(|(body, _)| {
            body.as_object().is_some_and(|o| !o.is_empty()) && self.baseline.with_untracked(|b| b != body)
        })
    }

    /// Asks before replacing edits that were not saved; true to go ahead.
    pub fn confirm_replace(&self, what: &str) -> bool {
        !self.has_unsaved_work() || ask(&format!("{what} Your unsaved changes will be lost. Go ahead?"))
    }

    /// Puts a new draft in the form; it is the new baseline for unsaved work.
    pub fn replace(&self, draft: Draft) {
        self.algorithms.rewrite_template_image(String::new());
        self.quiet_sections.set(quiet_unless_filled(&draft));
        self.baseline.set(draft.body());
        self.service_paths.set(Vec::new());
        self.change_layout(|d| *d = draft);
    }

    /// Makes `region` the one the page exports, checks and submits for, kept for the next visit.
    pub fn choose_region(&self, region: String) {
        storage::save_region(&region);
        self.region.set(region);
    }

    pub fn error_count(&self) -> usize {
        self.problems.with(|ps| ps.iter().filter(|p| p.severity == Severity::Error).count())
    }
}

/// Saves the body to localStorage a moment after the last edit, so typing stays fast, and at
/// once when the page goes away, so a quick reload loses nothing. A browser that refuses (storage
/// full or blocked) is reported in `status` at once, and asked again at each later edit.
fn autosave(export: Memo<(Value, PathMap)>, status: RwSignal<Option<Result<String, String>>>) {
    let save_now = move || {
        let saved = export.with_untracked(|(body, _)| storage::save_autosave(body));
        if !saved {
            status.set(Some(Err("This browser would not save the draft (its storage is full or blocked). It stays \
                while this page is open: download or export it to keep it."
                .into())));
        } else if status.with_untracked(|s| matches!(s, Some(Err(_)))) {
            status.set(None);
        }
    };
    // The listener lives as long as the page.
    let _ = window_event_listener(leptos::ev::pagehide, move |_| save_now());
    let mut save_soon = debounce(std::time::Duration::from_millis(400), move |()| save_now());
    Effect::new(move |before: Option<()>| {
        export.track();
        // "Restored" is news until the first edit.
        if before.is_some() && status.with_untracked(|s| matches!(s, Some(Ok(_)))) {
            status.set(None);
        }
        save_soon(());
    });
}

/// Every section is quiet on an empty draft (see [`Studio::quiet_sections`]); none otherwise.
fn quiet_unless_filled(draft: &Draft) -> Vec<&'static str> {
    let empty = draft.body().as_object().is_none_or(|o| o.is_empty());
    if empty {
        layout::SECTIONS.iter().map(|s| s.id).collect()
    } else {
        Vec::new()
    }
}

/// Ends the quiet of the section where the user typed (`event` is an input or change in the form).
fn typed_in_section(studio: Studio, event: web_sys::Event) {
    // Every keystroke comes here: once nothing is quiet, there is nothing to look up.
    if studio.quiet_sections.with_untracked(Vec::is_empty) {
        return;
    }
    let section = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[data-section]").ok().flatten())
        .and_then(|e| e.get_attribute("data-section"));
    if let Some(section) = section {
        if studio.quiet_sections.with_untracked(|q| q.contains(&section.as_str())) {
            studio.quiet_sections.update(|q| q.retain(|s| *s != section));
        }
    }
}

/// Turns a problem path into an element id: `InputDataConfig[0].ChannelName` ->
/// `InputDataConfig-0--ChannelName`.
pub fn dom_id(prefix: &str, path: &str) -> String {
    let safe: String = path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("{prefix}-{safe}")
}

pub fn start() {
    panic::set_hook();
    leptos::mount::mount_to_body(App);
    panic::panic_if_asked();
}

/// The whole page: the heading, the form with its problem summary, and beside it the preview,
/// export, import, drafts and submit panels. It makes the [`Studio`] they all share.
#[component]
fn App() -> impl IntoView {
    let studio = Studio::new();
    provide_context(studio);
    panels_host::LaterPanels::provide();
    studio.wire();
    view! {
        <header>
            <h1>"Training Job Studio"</h1>
            <p class="lede">
                "Author, check and submit a SageMaker "
                <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTrainingJob.html" target="_blank" rel="noopener">
                    "CreateTrainingJob"
                </a> " request."
            </p>
        </header>
        <undo::Toolbar/>
        <main data-ready="true">
            <div class="form-column" on:input=move |ev| typed_in_section(studio, ev)
                on:change=move |ev| typed_in_section(studio, ev)>
                <problems::Summary/>
                <sections::Sections/>
            </div>
            <div class="side-column">
                <div data-draft="status" role="status">
                    {move || studio.draft_status.get().map(|status| match status {
                        Ok(text) => view! { <p class="ok">{text}</p> }.into_any(),
                        Err(text) => view! { <p class="problem error">{text}</p> }.into_any(),
                    })}
                </div>
                <preview::Preview/>
                <panels_host::ExportSlot/>
                <import::Import/>
                <panels_host::DraftsSlot/>
                <panels_host::SubmitSlot/>
            </div>
        </main>
    }
}
