//! Submit settings, the confirmation that shows what is sent, and the outcome (behaviour §6). Part of
//! the module the page loads later (`panels.rs`): what it needs of the form, it asks the page for
//! (`core::protocol::panels`).
//! Credentials live in signals only: never in storage, the URL or the console (behaviour §7).

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::account_check::{AccountCheck, AccountCheckView};
use super::service_call::{self, CallFailure, CallFailureView, Settings};
use super::{page_body, page_count, page_region, tell_page};
use crate::core::jobs::{console_links, next_job_name, Operation, Service};
use crate::core::json::pretty;
use crate::core::protocol::panels::PageQuestion;
use crate::core::sign::{default_endpoint, redacted};
use crate::ui::shared::service_worker;

/// What the user is asked to confirm.
#[derive(Clone)]
struct Pending {
    send_to: String,
    signed_for: String,
    headers: Vec<(String, String)>,
    body: String,
    /// The job name in the body, which the job panel follows once it is created.
    name: String,
    /// What the account check made just before said, if it was made.
    account: Option<String>,
}

#[derive(Clone)]
enum Outcome {
    /// The new job's ARN, its page in the console (none for a custom endpoint), and the job
    /// name the form now has, since a name is used once only.
    Success(String, Option<String>, String),
    /// The call failed; for the service's errors, the form paths named are highlighted.
    Failure(CallFailure),
}

/// The Submit panel: where to send and with which keys, the confirmation, and the outcome.
#[component]
pub fn Submit(
    /// Where calls go and with which keys; the job panel calls with them too.
    settings: Settings,
    /// Set to the new job's name when a submit succeeds, so that the job panel follows it.
    followed: RwSignal<Option<String>>,
    /// Notified when the form changes: account findings whose members changed go.
    form_changed: Trigger,
) -> impl IntoView {
    let check = AccountCheck::new(form_changed, settings.region);
    let deployment_read = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let paste_message = RwSignal::new(None::<Result<String, String>>);
    // Which profile of a pasted credentials file to use; empty: `default` or the only one.
    let profile = RwSignal::new(String::new());
    let use_pasted = move |_| {
        leptos::task::spawn_local(async move {
            let read = service_worker::credentials(&pasted.get_untracked(), &profile.get_untracked()).await;
            paste_message.set(Some(read.map(|(keys, said)| {
                settings.access_key_id.set(keys.access_key_id);
                settings.secret_access_key.set(keys.secret_access_key);
                let temporary = !keys.session_token.is_empty();
                settings.session_token.set(keys.session_token);
                // The pasted text holds the secret: do not leave it on screen.
                pasted.set(String::new());
                let what = if temporary { "the pasted temporary credentials" } else { "the pasted keys" };
                if said.is_empty() {
                    format!("Using {what}.")
                } else {
                    format!("Using {what} ({said}).")
                }
            })));
        });
    };
    let clear_keys = move |_| {
        for signal in [settings.access_key_id, settings.secret_access_key, settings.session_token, pasted] {
            signal.set(String::new());
        }
        paste_message.set(Some(Ok("Credentials cleared from memory.".into())));
    };
    load_deployment_settings(settings, deployment_read);
    let pending = RwSignal::new(None::<Pending>);
    let outcome = RwSignal::new(None::<Outcome>);
    let blocked_by_errors = RwSignal::new(false);

    let prepare = move |anyway: bool| {
        outcome.set(None);
        if error_count() > 0 && !anyway {
            blocked_by_errors.set(true);
            // What opens in answer to a click gets focus, which brings it into view (behaviour §12).
            request_animation_frame(|| focus("[data-action=submit-anyway]"));
            return;
        }
        blocked_by_errors.set(false);
        let body = body_now();
        let name = body.get("TrainingJobName").and_then(Value::as_str).unwrap_or_default().to_string();
        let body = pretty(&body);
        leptos::task::spawn_local(async move {
            // The account check first, when there are keys to make it with; whatever it finds or
            // fails to find, the confirmation opens.
            let keys = !settings.access_key_id.get_untracked().trim().is_empty();
            let account = if keys { check.before_submit(settings).await } else { None };
            let to = settings.destination();
            match service_call::sign(&to, Operation::Create, &body).await {
                Ok(signed) => {
                    pending.set(Some(Pending {
                        send_to: to.send_to(&signed.url),
                        signed_for: signed.url,
                        headers: redacted(&signed.headers),
                        body,
                        name,
                        account,
                    }));
                    // What opens in answer to a click is brought into view and given focus (behaviour
                    // §12): the button that sends, once drawn.
                    request_animation_frame(|| focus("[data-action=confirm]"));
                }
                Err(message) => outcome.set(Some(Outcome::Failure(CallFailure::Problem(message)))),
            }
        });
    };
    // Sends the confirmed request; while it is on its way it cannot be sent again.
    let send = Action::new_local(move |request: &Pending| {
        let (name, body) = (request.name.clone(), request.body.clone());
        tell_page(PageQuestion::Mark(Vec::new()));
        async move {
            // Signed again now, so the time in the signature is fresh however long the user read.
            let to = settings.destination();
            let shown = match service_call::call(&to, Operation::Create, &body).await {
                Ok(answer) => match serde_json::from_str::<serde_json::Value>(&answer)
                    .ok()
                    .and_then(|v| Some(v.get("TrainingJobArn")?.as_str()?.to_string()))
                {
                    Some(arn) => {
                        let console = console_links(&to.region, &name, to.custom_endpoint).map(|links| links.job);
                        followed.set(Some(name.clone()));
                        // A job name can never be used again: propose the next one.
                        let next = next_job_name(&name);
                        tell_page(PageQuestion::SetName(next.clone()));
                        Outcome::Success(arn, console, next)
                    }
                    None => Outcome::Failure(CallFailure::Problem(format!(
                        "The service answered without a TrainingJobArn: {answer}"
                    ))),
                },
                Err(failure) => {
                    if let CallFailure::Service(_, paths) = &failure {
                        tell_page(PageQuestion::Mark(paths.clone()));
                    }
                    Outcome::Failure(failure)
                }
            };
            outcome.set(Some(shown));
            pending.set(None);
        }
    });
    let in_flight = send.pending();
    let confirm = move |_| {
        if let Some(request) = pending.get_untracked().filter(|_| !in_flight.get_untracked()) {
            send.dispatch_local(request);
        }
    };

    view! {
        <div data-service-panel="" data-ready=move || deployment_read.get().then_some("")>
            <div class="settings">
                <p class="hint" data-submit="region">
                    "Sent to " <strong>{move || settings.region.get()}</strong> ", the region chosen at the top of the page."
                </p>
                <label for="setting-endpoint">"Endpoint (signed for)"</label>
                <input id="setting-endpoint" type="url" data-setting="endpoint" autocomplete="off"
                    placeholder=move || default_endpoint(&settings.region.get())
                    bind:value=settings.endpoint/>
                <label for="setting-account-endpoint">
                    "Account endpoint, one URL for the account checks and the job's log and metrics (empty: each \
                     service's own in the region)"
                </label>
                <input id="setting-account-endpoint" type="url" data-setting="account-endpoint" autocomplete="off"
                    placeholder=move || Service::Logs.default_endpoint(&settings.region.get())
                    bind:value=settings.account_endpoint/>
                <label for="setting-send-via">
                    "Send via: a same-origin proxy path, or the static-host forwarder's URL (empty: send directly)"
                </label>
                <input id="setting-send-via" type="text" data-setting="send-via" autocomplete="off" spellcheck="false"
                    placeholder="aws/ or https://….lambda-url.<region>.on.aws/" aria-describedby="send-via-note"
                    bind:value=settings.send_via/>
                <div id="send-via-note">
                    {move || settings.need_a_forwarder().then(|| view! {
                        <p class="hint" data-submit="needs-forwarder">
                            "SageMaker does not take calls straight from a web page. To submit from here, send via \
                             the static-host forwarder, which you deploy once in your account ("
                            <a href="static-host/index.html" target="_blank" rel="noopener">"how, in one step"</a>
                            "), or via a proxy path of the server that serves this page."
                        </p>
                    })}
                </div>
                <label for="setting-access-key-id">"Access key id"</label>
                <input id="setting-access-key-id" type="text" data-setting="access-key-id" autocomplete="off" spellcheck="false"
                    bind:value=settings.access_key_id/>
                <label for="setting-secret-access-key">"Secret access key"</label>
                <input id="setting-secret-access-key" type="password" data-setting="secret-access-key" autocomplete="off"
                    bind:value=settings.secret_access_key/>
                <label for="setting-session-token">"Session token (optional)"</label>
                <input id="setting-session-token" type="password" data-setting="session-token" autocomplete="off"
                    bind:value=settings.session_token/>
                <label for="setting-paste">
                    "Or paste the output of "<code>"aws configure export-credentials"</code>" or "<code>"aws sts assume-role"</code>
                    ", a credentials file, or the console's access key file"
                </label>
                <textarea id="setting-paste" data-setting="paste-credentials" rows="3" spellcheck="false" autocomplete="off"
                    bind:value=pasted></textarea>
                <label for="setting-profile">"Profile, for a credentials file with several (empty: default)"</label>
                <input id="setting-profile" type="text" data-setting="profile" autocomplete="off" spellcheck="false"
                    bind:value=profile/>
                <div class="actions">
                    <button type="button" data-action="use-credentials" on:click=use_pasted>"Use pasted credentials"</button>
                    <button type="button" data-action="clear-credentials" on:click=clear_keys>"Clear credentials"</button>
                </div>
                <div data-credentials="status" role="status">
                    {move || paste_message.get().map(|m| match m {
                        Ok(text) => view! { <p class="ok">{text}</p> }.into_any(),
                        Err(text) => view! { <p class="problem error">{text}</p> }.into_any(),
                    })}
                </div>
                <p class="hint">"Keys stay in this page's memory only; they are never stored or put in a link."</p>
                <label for="setting-timeout">"Timeout (seconds)"</label>
                <input id="setting-timeout" type="text" inputmode="numeric" data-setting="timeout" autocomplete="off"
                    bind:value=settings.timeout/>
            </div>
            <AccountCheckView check settings/>
            <button type="button" data-action="submit" disabled=move || in_flight.get() on:click=move |_| prepare(false)>"Submit…"</button>
            {move || blocked_by_errors.get().then(|| view! {
                <div class="blocked" role="alert">
                    <p>{format!("The form has {} errors; the service will probably reject it.", error_count())}</p>
                    <button type="button" data-action="submit-anyway" on:click=move |_| prepare(true)>"Submit anyway…"</button>
                </div>
            })}
            {move || pending.get().map(|p| {
                view! {
                <div class="confirm" role="dialog" aria-label="Confirm submission">
                    <p>{format!("POST to {} (signed for {})", p.send_to, p.signed_for)}</p>
                    <pre class="sent-headers">{p.headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect::<String>()}</pre>
                    {p.account.clone().map(|said| view! { <p data-confirm="account">{said}</p> })}
                    <details><summary>"Body"</summary><pre>{p.body.clone()}</pre></details>
                    <button type="button" data-action="confirm" disabled=move || in_flight.get() on:click=confirm>
                        {move || if in_flight.get() { "Sending…" } else { "Send request" }}
                    </button>
                    // While the request is on its way, Cancel abandons it.
                    <button type="button" data-action="cancel" on:click=move |_| {
                        if in_flight.get_untracked() { service_call::cancel_submit() } else { pending.set(None) }
                    }>{move || if in_flight.get() { "Cancel request" } else { "Cancel" }}</button>
                </div>
            }})}
            <div class="outcome" aria-live="polite">
                {move || outcome.get().map(|o| match o {
                    Outcome::Success(arn, console, next) => view! {
                        <div data-outcome="success">
                            <p>"Created " <code>{arn}</code></p>
                            <p class="hint" data-outcome-part="renamed">
                                "The form's job name is now " <code>{next}</code>
                                ", since a job name can be used once only: the next submit makes a new job."
                            </p>
                            {console.map(|console| view! {
                                <a href=console target="_blank" rel="noopener">"Open the job in the SageMaker console"</a>
                            })}
                        </div>
                    }.into_any(),
                    Outcome::Failure(failure) => view! {
                        <div data-outcome="error"><CallFailureView failure region=settings.region.get_untracked()/></div>
                    }.into_any(),
                })}
            </div>
        </div>
    }
}

/// Moves focus to the element `selector` finds, if any.
fn focus(selector: &str) {
    if let Some(element) = document().query_selector(selector).ok().flatten() {
        let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The body as the form has it now.
fn body_now() -> Value {
    page_body()
}

/// How many errors the form has now.
fn error_count() -> usize {
    page_count(PageQuestion::ErrorsForSubmit)
}

/// A deployment may put a `settings.json` beside the app ({"region", "endpoint", "accountEndpoint",
/// "sendVia", "pollSeconds"}) so that the proxy path or forwarder and the endpoint are filled in; without it
/// the defaults stay.
/// `read` turns true once it was applied or found missing (the panel's `data-ready`).
fn load_deployment_settings(settings: Settings, read: RwSignal<bool>) {
    leptos::task::spawn_local(async move {
        apply_deployment_settings(settings).await;
        read.set(true);
    });
}

/// Applies settings.json, if the deployment has one (see [`load_deployment_settings`]).
async fn apply_deployment_settings(settings: Settings) {
    let Ok(text) = crate::ui::shared::fetch::text("settings.json").await else { return };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        return;
    };
    let text_of = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
    // The deployment's region is a default: the user's own choice, kept from last time, wins.
    if let Some(region) = text_of("region") {
        let applies = page_region(PageQuestion::DefaultRegion(region));
        if !applies.is_empty() {
            settings.region.set(applies);
        }
    }
    if let Some(endpoint) = text_of("endpoint") {
        settings.endpoint.set(endpoint);
    }
    if let Some(endpoint) = text_of("accountEndpoint") {
        settings.account_endpoint.set(endpoint);
    }
    if let Some(via) = text_of("sendVia") {
        settings.send_via.set(via);
    }
    if let Some(seconds) = value.get("pollSeconds").and_then(|v| v.as_u64()).filter(|s| (1..=60).contains(s)) {
        settings.poll_seconds.set(seconds as u32);
    }
}
