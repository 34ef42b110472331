//! The Leptos front end. Thin on purpose: the core decides what the body is and what is wrong
//! with it; these modules only show it and take edits.

mod field;
mod import;
mod map_rows;
mod member;
mod preview;
mod problems;
mod sections;
mod submit;

use leptos::prelude::*;
use serde_json::Value;

use crate::core::draft::{Draft, PathMap};
use crate::core::problem::{Problem, Severity};
use crate::core::validate::validate_export;

/// State shared by every part of the page.
#[derive(Clone, Copy)]
pub struct Studio {
    pub draft: RwSignal<Draft>,
    /// The exact body that would be sent, and how its list positions map to the form's;
    /// recomputed once per edit.
    pub export: Memo<(Value, PathMap)>,
    /// Problems of the body, with paths as the form numbers its rows.
    pub problems: Memo<Vec<Problem>>,
    /// Paths named by the service's last ValidationException, highlighted until the next submit.
    pub service_paths: RwSignal<Vec<String>>,
}

impl Studio {
    fn new() -> Self {
        // Nearly every job reads data: start with one (blank, so unsent) channel.
        let mut start = Draft::new();
        start.push("InputDataConfig");
        let draft = RwSignal::new(start);
        let export = Memo::new(move |_| draft.with(Draft::export));
        let problems = Memo::new(move |_| export.with(|(body, paths)| validate_export(body, paths)));
        Studio { draft, export, problems, service_paths: RwSignal::new(Vec::new()) }
    }

    /// Problems of one control, for its message element.
    pub fn problems_at(&self, path: &str) -> Vec<Problem> {
        self.problems.with(|ps| ps.iter().filter(|p| p.path == path).cloned().collect())
    }

    pub fn error_count(&self) -> usize {
        self.problems.with(|ps| ps.iter().filter(|p| p.severity == Severity::Error).count())
    }
}

/// Turns a problem path into an element id: `InputDataConfig[0].ChannelName` ->
/// `InputDataConfig-0--ChannelName`.
pub fn dom_id(prefix: &str, path: &str) -> String {
    let safe: String = path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("{prefix}-{safe}")
}

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let studio = Studio::new();
    provide_context(studio);
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
        <main data-ready="true">
            <div class="form-column">
                <problems::Summary/>
                <sections::Sections/>
            </div>
            <div class="side-column">
                <preview::Preview/>
                <import::Import/>
                <submit::Submit/>
            </div>
        </main>
    }
}
