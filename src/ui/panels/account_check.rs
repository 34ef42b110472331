//! *Check account* (behaviour §13): the request checked against the account with the Submit
//! panel's credentials and read-only calls, made in the service worker. Findings go to the page,
//! which shows them on their fields and in the summary; this shows how the check went and the
//! checks that could not be made. Submit runs the same check before its confirmation opens,
//! never holding it back.

use futures::future::Either;
use leptos::prelude::*;
use serde_json::Value;

use super::service_call::Settings;
use super::{page_body, tell_page};
use crate::core::account::{self, still_found, Facts, Outcome};
use crate::core::problem::{Problem, Severity};
use crate::core::protocol::panels::PageQuestion;
use crate::ui::shared::service_worker;

/// How the last check went.
#[derive(Clone, PartialEq)]
enum State {
    /// Not asked yet.
    NotYet,
    /// Lookups are out.
    Running,
    /// The outcome, or why there is none.
    Done(Result<Outcome, String>),
}

/// The account check: its state, and what it was made of, so that a finding goes once its member
/// changes.
#[derive(Clone, Copy)]
pub struct AccountCheck {
    state: RwSignal<State>,
    /// The body and region last checked.
    checked: StoredValue<(Value, String)>,
    /// The findings the page shows now.
    shown: StoredValue<Vec<Problem>>,
}

impl AccountCheck {
    /// A check not made yet, whose findings follow the form's changes (`form_changed`).
    pub fn new(form_changed: Trigger, region: RwSignal<String>) -> Self {
        let check = AccountCheck {
            state: RwSignal::new(State::NotYet),
            checked: StoredValue::new((Value::Null, String::new())),
            shown: StoredValue::new(Vec::new()),
        };
        Effect::new(move |first: Option<()>| {
            form_changed.track();
            let region = region.get();
            if first.is_some() {
                check.forget_changed(&region);
            }
        });
        check
    }

    /// Drops the findings whose members changed since the check (all of them in another region).
    fn forget_changed(self, region: &str) {
        if self.shown.with_value(Vec::is_empty) {
            return;
        }
        let still = self.checked.with_value(|(checked, checked_region)| {
            if checked_region != region {
                Vec::new()
            } else {
                self.shown.with_value(|shown| still_found(shown, checked, &page_body()))
            }
        });
        if self.shown.with_value(|shown| *shown != still) {
            self.show(still);
        }
    }

    fn show(self, found: Vec<Problem>) {
        tell_page(PageQuestion::AccountFindings(found.clone()));
        self.shown.set_value(found);
    }

    /// Checks the form's request now, with `settings`; the outcome, once every lookup has
    /// answered or could not be made (`None` if the check could not start).
    pub async fn run(self, settings: Settings) -> Option<Outcome> {
        let to = settings.destination();
        if to.keys.access_key_id.trim().is_empty() || to.keys.secret_access_key.is_empty() {
            self.state.set(State::Done(Err(
                "Enter credentials above: the account check reads the account with them (read-only).".into(),
            )));
            return None;
        }
        let body = page_body();
        if account::plan(&body, &to.region, &Facts::default()).is_empty() {
            self.state.set(State::Done(Err(
                "Nothing to check against the account yet: the role, S3 locations, VPC, image and KMS keys are empty."
                    .into(),
            )));
            return None;
        }
        self.state.set(State::Running);
        let outcome = service_worker::check_account(&body, &to).await;
        if let Ok(outcome) = &outcome {
            self.checked.set_value((body, to.region.clone()));
            self.show(outcome.problems.clone());
            // A member changed while the lookups were out has no finding yet.
            self.forget_changed(&settings.region.get_untracked());
        }
        self.state.set(State::Done(outcome.clone()));
        outcome.ok()
    }

    /// The check Submit makes before its confirmation opens: what it found in a sentence, or
    /// `None` when it was not made (no keys, nothing to look up, no worker). Waits
    /// [`BEFORE_SUBMIT_WAIT_MS`] at most: a check still waiting for answers then goes on by
    /// itself, and its findings show on the form when they come.
    pub async fn before_submit(self, settings: Settings) -> Option<String> {
        let running = Box::pin(self.run(settings));
        let waited = Box::pin(delay(BEFORE_SUBMIT_WAIT_MS));
        match futures::future::select(running, waited).await {
            Either::Left((outcome, _)) => outcome.map(|outcome| match outcome.problems.len() {
                0 => "The account check found nothing wrong.".to_string(),
                _ => format!("The account check found {}: see the form.", counted(&outcome.problems)),
            }),
            Either::Right((_, still_running)) => {
                leptos::task::spawn_local(async move {
                    still_running.await;
                });
                Some("The account check is still waiting for answers; what it finds will show on the form.".into())
            }
        }
    }

    /// Whether lookups are out.
    pub fn running(self) -> Signal<bool> {
        Signal::derive(move || self.state.with(|s| *s == State::Running))
    }
}

/// How long Submit waits for the account check before its confirmation opens anyway.
pub const BEFORE_SUBMIT_WAIT_MS: i32 = 4000;

/// A future that is ready after `ms` milliseconds.
async fn delay(ms: i32) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

/// A count of findings in words: "2 errors and 1 warning".
pub fn counted(problems: &[Problem]) -> String {
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = problems.len() - errors;
    let word = |n: usize, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
    match (errors, warnings) {
        (0, w) => word(w, "warning"),
        (e, 0) => word(e, "error"),
        (e, w) => format!("{} and {}", word(e, "error"), word(w, "warning")),
    }
}

/// The *Check account* button and what the last check said.
#[component]
pub fn AccountCheckView(
    /// The check, shared with Submit.
    check: AccountCheck,
    /// Where calls go and with which keys.
    settings: Settings,
) -> impl IntoView {
    let running = check.running();
    let start = move |_| {
        leptos::task::spawn_local(async move {
            check.run(settings).await;
        });
    };
    let said = move || match check.state.get() {
        State::NotYet => None,
        State::Running => Some(view! { <p>"Checking the account…"</p> }.into_any()),
        State::Done(Err(why)) => Some(view! { <p class="problem error">{why}</p> }.into_any()),
        State::Done(Ok(outcome)) => {
            let found = if outcome.problems.is_empty() && outcome.skipped.is_empty() {
                "The account check found nothing wrong.".to_string()
            } else if outcome.problems.is_empty() {
                "The account check found nothing wrong in what it could read.".to_string()
            } else {
                format!("The account check found {}, shown on their fields.", counted(&outcome.problems))
            };
            let skipped = (!outcome.skipped.is_empty()).then(|| {
                view! {
                    <p>{format!("{} not made:", if outcome.skipped.len() == 1 { "1 check was".to_string() } else { format!("{} checks were", outcome.skipped.len()) })}</p>
                    <ul class="export-notes">
                        {outcome.skipped.into_iter().map(|s| view! {
                            <li data-account-skipped=s.code><code>{s.path}</code>" ("{s.code}"): "{s.reason}</li>
                        }).collect_view()}
                    </ul>
                }
            });
            Some(view! { <p>{found}</p>{skipped} }.into_any())
        }
    };
    let state = move || match check.state.get() {
        State::NotYet => "idle",
        State::Running => "running",
        State::Done(_) => "done",
    };
    view! {
        <div class="actions">
            <button type="button" data-action="check-account" disabled=running on:click=start>"Check account"</button>
            <span class="hint">"Read-only calls with these credentials: the role, data, buckets, VPC, image and keys."</span>
        </div>
        <div data-account-status="" data-state=state role="status" aria-live="polite">{said}</div>
    }
}
