//! The job panel (behaviour §11): the followed job, checked until it ends and stoppable, and the job
//! list, from which a job is followed or cloned into the form. Part of the module the page loads
//! later (`panels.rs`); it asks the page for the body, to mark fields and to clone into the form
//! (`core::protocol::panels`). What the answers mean is decided in `core::jobs`; this file draws it and keeps
//! the timers.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::job_log::JobLog;
use super::job_metrics::JobMetricsView;
use super::service_call::{call, CallFailure, CallFailureView, Settings};
use super::{ask_page_later, page_agrees, page_body, tell_page, Later};
use crate::core::jobs::{
    can_stop, console_links, duration, failure_paths, is_final, list_body, name_body, newest_first, poll_delay_ms,
    read_job, read_list, ConsoleLinks, Destination, Job, JobPlace, ListQuery, ListedJob, Operation, STATUSES,
};
use crate::core::protocol::panels::{ImportReport, PageAnswer, PageQuestion};
use crate::ui::shared::views::report_lists;

/// The followed job's state, shared by its checks, its timer and its view.
#[derive(Clone, Copy)]
struct Following {
    /// Where calls go and with which keys, as the Submit settings say now.
    settings: Settings,
    /// The job followed, by name.
    name: RwSignal<Option<String>>,
    /// Its last description.
    job: RwSignal<Option<Job>>,
    /// Why the last call failed, until one succeeds.
    failure: RwSignal<Option<CallFailure>>,
    /// The Describe call of a check, answered with where it went, the job's name and the answer.
    describing: Action<(Destination, String), Described>,
    /// The Stop call, answered with the job's name and whether the service took it.
    stopping: Action<(Destination, String), Result<(), CallFailure>>,
    /// Checks made since the job was first followed; each waits longer.
    checks: StoredValue<u32>,
    /// The next automatic check.
    timer: Later,
    /// Where the job lives, kept from when it was first followed (`core::jobs::JobPlace`).
    place: RwSignal<JobPlace>,
    /// Where the console shows it (none for a custom endpoint).
    links: RwSignal<Option<ConsoleLinks>>,
}

/// What a Describe call of a check brings back: where it went, the job's name, and the answer.
type Described = (Destination, String, Result<String, CallFailure>);

impl Following {
    /// Where to call about the followed job, with the page's keys as they are now.
    fn destination(self) -> Destination {
        let now = self.settings.destination();
        self.place.try_update(|place| place.destination(&now)).unwrap_or(now)
    }

    /// Describes the job now (unless a check is on its way, whose answer will do), then again later
    /// until it ends.
    fn check(self) {
        let Some(name) = self.name.get_untracked() else { return };
        if self.describing.pending().get_untracked() {
            return;
        }
        self.cancel_timer();
        let to = self.destination();
        self.describing.dispatch_local((to, name));
    }

    /// Shows a check's answer, and schedules the next check while the job is not over.
    fn described(self, (to, name, answer): Described) {
        if self.name.get_untracked().as_deref() != Some(name.as_str()) {
            return; // another job is followed now
        }
        let keep_checking = match answer.map(|text| read_job(&text)) {
            Ok(Ok(job)) => {
                show_failure_on_fields(&job.failure_reason);
                self.links.set(console_links(&to.region, &job.name, to.custom_endpoint));
                let ongoing = !is_final(&job.status);
                self.job.set(Some(job));
                self.failure.set(None);
                ongoing
            }
            Ok(Err(unreadable)) => {
                self.failure.set(Some(CallFailure::Problem(unreadable)));
                true
            }
            // Being throttled, or not reaching the endpoint, passes; a refused signature or a
            // vanished job does not, so those wait for the user.
            Err(failure) => {
                let passes = match &failure {
                    CallFailure::Service(e, _) => e.code.contains("Throttl") || e.status >= 500,
                    CallFailure::Problem(_) => true,
                };
                self.failure.set(Some(failure));
                passes
            }
        };
        if keep_checking {
            self.schedule();
        }
    }

    fn schedule(self) {
        let delay = poll_delay_ms(self.checks.get_value(), self.destination().poll_seconds.saturating_mul(1000));
        self.checks.update_value(|c| *c += 1);
        self.timer.plan(delay, move || self.check());
    }

    fn cancel_timer(self) {
        self.timer.cancel();
    }

    /// Asks whether to stop the job, then stops it and checks it at once. A check on its way does
    /// not hold the stop back: the user's click is never ignored.
    fn stop(self) {
        let Some(name) = self.name.get_untracked() else { return };
        let asked = format!(
            "Stop the training job {name}? It cannot be started again; a stopped job keeps what it has written so far."
        );
        if !window().confirm_with_message(&asked).unwrap_or(false) || self.stopping.pending().get_untracked() {
            return;
        }
        self.stopping.dispatch_local((self.destination(), name));
    }

    /// After a stop: checks the job at once, or says why the service refused.
    fn stopped(self, answer: Result<(), CallFailure>) {
        match answer {
            Ok(()) => {
                self.checks.set_value(0);
                self.check();
            }
            Err(failure) => self.failure.set(Some(failure)),
        }
    }
}

/// Marks the fields a failure reason names in the page's form, as a rejected submit does.
fn show_failure_on_fields(reason: &str) {
    if reason.is_empty() {
        return;
    }
    let paths = failure_paths(reason, &page_body());
    tell_page(PageQuestion::Mark(paths));
}

/// The job being followed: its status and timeline, why it failed, what it cost and made, and
/// links to it and its logs. Checked at once, then after 5, 10, 20, 40 and every 60 seconds
/// until it ends.
#[component]
pub fn FollowedJob(
    /// The job to follow; set by a submit or by the job list.
    followed: RwSignal<Option<String>>,
    /// Where calls go and with which keys.
    settings: Settings,
) -> impl IntoView {
    let following = Following {
        settings,
        place: RwSignal::new(JobPlace::default()),
        links: RwSignal::new(None),
        name: followed,
        job: RwSignal::new(None),
        failure: RwSignal::new(None),
        describing: Action::new_local(|(to, name): &(Destination, String)| {
            let (to, name) = (to.clone(), name.clone());
            async move {
                let answer = call(&to, Operation::Describe, &name_body(&name)).await;
                (to, name, answer)
            }
        }),
        stopping: Action::new_local(|(to, name): &(Destination, String)| {
            let (to, name) = (to.clone(), name.clone());
            async move { call(&to, Operation::Stop, &name_body(&name)).await.map(|_| ()) }
        }),
        checks: StoredValue::new(0),
        timer: Later::default(),
    };
    // A newly followed job starts from nothing and is checked at once.
    Effect::new(move |_| {
        followed.track();
        following.cancel_timer();
        following.place.update(JobPlace::forget);
        following.job.set(None);
        following.links.set(None);
        following.failure.set(None);
        following.checks.set_value(0);
        following.check();
    });
    // Each answer is handled once, as it comes: what handling reads (the settings, the region) must
    // not make the effect handle the same answer again.
    Effect::new(move |_| {
        let answer = following.describing.value().get();
        untrack(move || answer.map(|answer| following.described(answer)));
    });
    Effect::new(move |_| {
        let answer = following.stopping.value().get();
        untrack(move || answer.map(|answer| following.stopped(answer)));
    });
    on_cleanup(move || following.cancel_timer());
    let region = Memo::new(move |_| following.place.with(|place| place.region().to_string()));
    // Drawn again only when the job becomes stoppable or stops being so, not at every check.
    let stoppable = Memo::new(move |_| following.job.with(|job| job.as_ref().is_some_and(|j| can_stop(&j.status))));

    // Whether the job still runs: its log and metrics are read until it ends, then once more. A
    // memo, so that they hear of the end, not of every check.
    let running: Signal<bool> =
        Memo::new(move |_| following.job.with(|j| j.as_ref().is_none_or(|j| !is_final(&j.status)))).into();
    move || {
        followed.get().map(|name| {
            view! {
                <div class="job" data-job=name.clone() role="group" aria-labelledby="job-title">
                    <h3 id="job-title">"Job " <code>{name.clone()}</code></h3>
                    {move || following.job.get().map(job_view)}
                    {move || following.failure.get().map(|failure| view! {
                        <div class="problem error" data-job-call="error"><CallFailureView failure region=region.get_untracked()/></div>
                    })}
                    <div class="actions">
                        <button type="button" data-action="refresh-job" disabled=move || following.describing.pending().get()
                            on:click=move |_| following.check()>
                            {move || if following.describing.pending().get() { "Checking…" } else { "Check now" }}
                        </button>
                        {move || stoppable.get().then(|| view! {
                            <button type="button" data-action="stop-job" disabled=move || following.stopping.pending().get()
                                on:click=move |_| following.stop()>"Stop job…"</button>
                        })}
                    </div>
                    <JobLog job=name.clone() destination=Callback::new(move |()| following.destination()) running/>
                    <JobMetricsView job=name.clone() destination=Callback::new(move |()| following.destination()) running
                        described=Signal::derive(move || following.job.with(|j| j.as_ref().map(|j| j.metrics.clone())))/>
                    {move || following.links.get().map(|links| view! {
                        <p class="links">
                            <a href=links.job target="_blank" rel="noopener" data-job-link="console">"The job in the SageMaker console"</a>
                            " · "
                            <a href=links.logs target="_blank" rel="noopener" data-job-link="logs">"Its logs in CloudWatch"</a>
                        </p>
                    })}
                </div>
            }
        })
    }
}

/// A description, as the panel shows it.
fn job_view(job: Job) -> impl IntoView {
    let Job { status, secondary, timeline, failure_reason, billable_seconds, model_artifacts, .. } = job;
    view! {
        <p>
            "Status: " <strong data-job-status=status.clone()>{status.clone()}</strong>
            {(!secondary.is_empty() && secondary != status).then(|| format!(" ({secondary})"))}
            {(!is_final(&status)).then(|| view! { <span class="hint">" Checked again automatically until it ends."</span> })}
        </p>
        {(!failure_reason.is_empty()).then(|| view! {
            <p class="problem error" data-job-failure="">"Failure reason: " {failure_reason}</p>
        })}
        {billable_seconds.map(|s| view! { <p>"Billable time: " {duration(s)}</p> })}
        {(!model_artifacts.is_empty()).then(|| view! { <p>"Model artifacts: " <code data-job-artifacts="">{model_artifacts}</code></p> })}
        {(!timeline.is_empty()).then(|| view! {
            <ol class="timeline" aria-label="Status history">
                {timeline.into_iter().map(|step| view! {
                    <li><strong>{step.status}</strong>" " <span class="hint">{step.started}</span>" " {step.message}</li>
                }).collect_view()}
            </ol>
        })}
    }
}

/// The account's training jobs in the region, newest first, a page at a time, with filters; each
/// can be followed, or cloned into the form as a new draft.
#[component]
pub fn JobList(
    /// Set to a listed job's name to follow it.
    followed: RwSignal<Option<String>>,
    /// Where calls go and with which keys.
    settings: Settings,
) -> impl IntoView {
    // Opening the list lists at once.
    let open = RwSignal::new(false);
    let region = RwSignal::new(String::new());
    let query = RwSignal::new(ListQuery::default());
    let name_contains = RwSignal::new(String::new());
    let jobs = RwSignal::new(None::<Vec<ListedJob>>);
    let failure = RwSignal::new(None::<CallFailure>);
    let clone_report = RwSignal::new(None::<ImportReport>);

    // A page of the list: the first for the filters as they are, or (`more`) the one after the
    // last page shown.
    let list_page = Action::new_local(move |more: &bool| {
        let more = *more;
        query.update(|q| {
            q.name_contains = name_contains.get_untracked();
            if !more {
                q.next.clear();
            }
        });
        let body = query.with_untracked(list_body);
        let to = settings.destination();
        region.set(to.region.clone());
        async move {
            let answer = call(&to, Operation::List, &body).await;
            match answer.map(|text| read_list(&text)) {
                Ok(Ok(page)) => {
                    failure.set(None);
                    query.update(|q| q.next = page.next);
                    jobs.update(|shown| match shown {
                        Some(shown) if more => {
                            shown.extend(page.jobs);
                            newest_first(shown);
                        }
                        _ => *shown = Some(page.jobs),
                    });
                }
                Ok(Err(unreadable)) => failure.set(Some(CallFailure::Problem(unreadable))),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    // A clone waiting for the user's word, because the form holds unsaved work: the job's name
    // and its description.
    let clone_waiting = RwSignal::new(None::<(String, String)>);
    // The job's description, imported into the page's form as a pasted one would be (behaviour §5).
    let take_clone = move |text: String| async move {
        clone_report.set(match ask_page_later(&PageQuestion::Clone(text)).await {
            PageAnswer::Cloned(report) => report,
            PageAnswer::Failed(why) => Some(ImportReport::Failed(why)),
            _ => None,
        });
    };
    let clone_job = Action::new_local(move |name: &String| {
        clone_report.set(None);
        clone_waiting.set(None);
        let (to, body, name) = (settings.destination(), name_body(name), name.clone());
        async move {
            match call(&to, Operation::Describe, &body).await {
                Ok(text) if page_agrees(PageQuestion::Unsaved) => {
                    clone_waiting.set(Some((name, text)));
                    request_animation_frame(|| {
                        if let Some(button) =
                            document().query_selector("[data-clone=confirm] [data-action=confirm]").ok().flatten()
                        {
                            let _ = button.unchecked_into::<web_sys::HtmlElement>().focus();
                        }
                    });
                }
                Ok(text) => take_clone(text).await,
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let confirm_clone = move |_| {
        if let Some((_, text)) = clone_waiting.get_untracked() {
            clone_waiting.set(None);
            leptos::task::spawn_local(take_clone(text));
        }
    };
    // One call at a time.
    let calling = move || list_page.pending().get() || clone_job.pending().get();
    let list = move |more: bool| {
        if !untrack(calling) {
            list_page.dispatch_local(more);
        }
    };
    Effect::new(move |_| {
        if open.get() {
            untrack(move || list(false));
        }
    });

    view! {
        <details class="job-list" prop:open=move || open.get()>
            <summary on:click=move |ev| { ev.prevent_default(); open.update(|o| *o = !*o); }>"Training jobs in this region"</summary>
            <div class="filters">
                <label for="jobs-name">"Name contains"</label>
                <input id="jobs-name" type="search" data-job-filter="name" autocomplete="off"
                    bind:value=name_contains
                    on:keydown=move |ev| if ev.key() == "Enter" { list(false) }/>
                <label for="jobs-status">"Status"</label>
                <select id="jobs-status" data-job-filter="status"
                    on:change=move |ev| query.update(|q| q.status = event_target_value(&ev))>
                    <option value="">"Any"</option>
                    {STATUSES.iter().map(|s| view! { <option value=*s>{*s}</option> }).collect_view()}
                </select>
                <button type="button" data-action="list-jobs" disabled=calling on:click=move |_| list(false)>
                    "List jobs"
                </button>
            </div>
            {move || failure.get().map(|failure| view! {
                <div class="problem error" data-jobs-call="error"><CallFailureView failure region=region.get_untracked()/></div>
            })}
            {move || jobs.get().map(|shown| if shown.is_empty() {
                view! { <p data-jobs="empty">"No training jobs match."</p> }.into_any()
            } else {
                view! {
                    <ul class="jobs">
                        {shown.into_iter().map(|job| {
                            let (follow_name, clone_name) = (job.name.clone(), job.name.clone());
                            view! {
                                <li data-job-row=job.name.clone()>
                                    <span class="job-summary">
                                        <code>{job.name.clone()}</code>" " <strong>{job.status}</strong>" " <span class="hint">{job.created}</span>
                                    </span>
                                    <button type="button" data-action="follow-job" on:click=move |_| followed.set(Some(follow_name.clone()))>"Follow"</button>
                                    <button type="button" data-action="clone-job" disabled=calling
                                        on:click=move |_| if !calling() { clone_job.dispatch_local(clone_name.clone()); }>"Clone into the form"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            {move || (!query.with(|q| q.next.is_empty())).then(|| view! {
                <button type="button" data-action="more-jobs" disabled=calling on:click=move |_| list(true)>"More jobs"</button>
            })}
            {move || clone_waiting.get().map(|(name, _)| view! {
                <div class="confirm" role="alertdialog" aria-label="Replace the form with the clone?" data-clone="confirm">
                    <p>{format!("Clone {name} into the form? It replaces the request there, whose changes are not saved.")}</p>
                    <button type="button" data-action="confirm" on:click=confirm_clone>"Replace it with the clone"</button>
                    <button type="button" data-action="cancel" on:click=move |_| clone_waiting.set(None)>"Keep my request"</button>
                </div>
            })}
            <div data-jobs="clone" role="status">{move || clone_report.get().map(clone_report_view)}</div>
        </details>
    }
}

/// The page's report of a clone, with the import box's hooks.
fn clone_report_view(report: ImportReport) -> impl IntoView {
    match report {
        ImportReport::Failed(message) => view! { <p class="problem error">{message}</p> }.into_any(),
        ImportReport::Imported { format, left_out, notes } => view! {
            <div data-import="report">
                <p class="ok">{format!("Cloned into the form: {format}.")}</p>
                {report_lists(left_out, notes)}
            </div>
        }
        .into_any(),
    }
}
