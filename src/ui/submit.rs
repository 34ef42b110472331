//! Submit settings, the confirmation that shows what is sent, and the outcome (SPEC S6).
//! Credentials live in signals only: never in storage, the URL or the console (SPEC S7).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::signer;
use super::Studio;
use crate::core::credentials;
use crate::core::json::pretty;
use crate::core::regions::REGIONS;
use crate::core::service_error::ServiceError;
use crate::core::sign::{default_endpoint, redacted, Keys, SignJob, SignedRequest};

/// How long to wait for the endpoint unless the user says otherwise.
const DEFAULT_TIMEOUT_SECONDS: u32 = 30;

#[derive(Clone, Copy)]
struct Settings {
    region: RwSignal<String>,
    /// Empty means the region's default endpoint.
    endpoint: RwSignal<String>,
    /// A same-origin proxy path; empty sends straight to the endpoint.
    send_via: RwSignal<String>,
    access_key_id: RwSignal<String>,
    secret_access_key: RwSignal<String>,
    session_token: RwSignal<String>,
    /// Seconds to wait for an answer before giving up, as typed.
    timeout: RwSignal<String>,
}

impl Settings {
    fn endpoint_url(&self) -> String {
        let custom = self.endpoint.get_untracked();
        if custom.trim().is_empty() {
            default_endpoint(&self.region.get_untracked())
        } else {
            custom
        }
    }

    fn keys(&self) -> Keys {
        Keys {
            access_key_id: self.access_key_id.get_untracked(),
            secret_access_key: self.secret_access_key.get_untracked(),
            session_token: self.session_token.get_untracked(),
        }
    }

    /// Signs `body` now, in the signing worker.
    async fn sign(&self, body: &str) -> Result<SignedRequest, String> {
        let job = SignJob {
            endpoint: self.endpoint_url(),
            region: self.region.get_untracked(),
            keys: self.keys(),
            body: body.to_string(),
            time_ms: js_sys::Date::now() as u64,
        };
        signer::sign(&job).await
    }
}

/// What the user is asked to confirm.
#[derive(Clone)]
struct Pending {
    send_to: String,
    signed_for: String,
    headers: Vec<(String, String)>,
    body: String,
}

#[derive(Clone)]
enum Outcome {
    Success {
        arn: String,
        console: String,
    },
    /// The service's error, and the form paths its message names.
    Failure(ServiceError, Vec<String>),
    Problem(String),
}

#[component]
pub fn Submit() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let settings = Settings {
        region: studio.region,
        endpoint: RwSignal::new(String::new()),
        send_via: RwSignal::new(String::new()),
        access_key_id: RwSignal::new(String::new()),
        secret_access_key: RwSignal::new(String::new()),
        session_token: RwSignal::new(String::new()),
        timeout: RwSignal::new(DEFAULT_TIMEOUT_SECONDS.to_string()),
    };
    let pasted = RwSignal::new(String::new());
    let paste_message = RwSignal::new(None::<Result<String, String>>);
    let use_pasted = move |_| {
        paste_message.set(Some(match credentials::parse(&pasted.get_untracked()) {
            Ok(keys) => {
                settings.access_key_id.set(keys.access_key_id);
                settings.secret_access_key.set(keys.secret_access_key);
                let temporary = !keys.session_token.is_empty();
                settings.session_token.set(keys.session_token);
                // The pasted text holds the secret: do not leave it on screen.
                pasted.set(String::new());
                Ok(if temporary { "Using the pasted temporary credentials." } else { "Using the pasted keys." }.into())
            }
            Err(message) => Err(message),
        }));
    };
    let clear_keys = move |_| {
        for signal in [settings.access_key_id, settings.secret_access_key, settings.session_token, pasted] {
            signal.set(String::new());
        }
        paste_message.set(Some(Ok("Credentials cleared from memory.".into())));
    };
    load_deployment_settings(settings);
    let pending = RwSignal::new(None::<Pending>);
    let outcome = RwSignal::new(None::<Outcome>);
    let in_flight = RwSignal::new(false);
    let blocked_by_errors = RwSignal::new(false);

    let prepare = move |anyway: bool| {
        outcome.set(None);
        if studio.error_count() > 0 && !anyway {
            blocked_by_errors.set(true);
            return;
        }
        blocked_by_errors.set(false);
        let body = studio.export.with_untracked(|(body, _)| pretty(body));
        leptos::task::spawn_local(async move {
            match settings.sign(&body).await {
                Ok(signed) => {
                    let via = settings.send_via.get_untracked().trim().to_string();
                    let send_to = if via.is_empty() { signed.url.clone() } else { via };
                    pending.set(Some(Pending {
                        send_to,
                        signed_for: signed.url,
                        headers: redacted(&signed.headers),
                        body,
                    }));
                }
                Err(message) => outcome.set(Some(Outcome::Problem(message))),
            }
        });
    };
    let confirm = move |_| {
        let Some(request) = pending.get_untracked() else {
            return;
        };
        if in_flight.get_untracked() {
            return;
        }
        in_flight.set(true);
        studio.service_paths.set(Vec::new());
        let region = settings.region.get_untracked();
        let timeout = settings
            .timeout
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|t| *t > 0)
            .unwrap_or(DEFAULT_TIMEOUT_SECONDS);
        let name = studio.draft.with_untracked(|d| d.text("TrainingJobName"));
        leptos::task::spawn_local(async move {
            // Signed again now, so the time in the signature is fresh however long the user read.
            let result = match settings.sign(&request.body).await {
                Ok(signed) => send(&request.send_to, &signed, &request.body, timeout).await,
                Err(message) => Err(Outcome::Problem(message)),
            };
            let shown = match result {
                Ok(arn) => Outcome::Success { console: console_link(&region, &name), arn },
                Err(Outcome::Failure(error, paths)) => {
                    studio.service_paths.set(paths.clone());
                    Outcome::Failure(error, paths)
                }
                Err(other) => other,
            };
            outcome.set(Some(shown));
            pending.set(None);
            in_flight.set(false);
        });
    };

    view! {
        <section class="submit" aria-labelledby="submit-title">
            <h2 id="submit-title">"Submit"</h2>
            <div class="settings">
                <label for="setting-region">"Region"</label>
                <select id="setting-region" data-setting="region" on:change=move |ev| {
                        // The user's choice, kept for the next visit (a deployment's settings.json only sets a default).
                        let region = event_target_value(&ev);
                        super::storage::save_region(&region);
                        settings.region.set(region);
                    }>
                    {REGIONS.iter().map(|(code, name)| {
                        view! { <option value=*code selected=move || settings.region.get() == *code>{format!("{code}: {name}")}</option> }
                    }).collect_view()}
                </select>
                <label for="setting-endpoint">"Endpoint (signed for)"</label>
                <input id="setting-endpoint" type="url" data-setting="endpoint" autocomplete="off"
                    placeholder=move || default_endpoint(&settings.region.get())
                    prop:value=move || settings.endpoint.get() on:input=move |ev| settings.endpoint.set(event_target_value(&ev))/>
                <label for="setting-send-via">"Send via same-origin proxy path (empty: send directly)"</label>
                <input id="setting-send-via" type="text" data-setting="send-via" autocomplete="off" placeholder="sagemaker/"
                    prop:value=move || settings.send_via.get() on:input=move |ev| settings.send_via.set(event_target_value(&ev))/>
                <label for="setting-access-key-id">"Access key id"</label>
                <input id="setting-access-key-id" type="text" data-setting="access-key-id" autocomplete="off" spellcheck="false"
                    prop:value=move || settings.access_key_id.get() on:input=move |ev| settings.access_key_id.set(event_target_value(&ev))/>
                <label for="setting-secret-access-key">"Secret access key"</label>
                <input id="setting-secret-access-key" type="password" data-setting="secret-access-key" autocomplete="off"
                    prop:value=move || settings.secret_access_key.get() on:input=move |ev| settings.secret_access_key.set(event_target_value(&ev))/>
                <label for="setting-session-token">"Session token (optional)"</label>
                <input id="setting-session-token" type="password" data-setting="session-token" autocomplete="off"
                    prop:value=move || settings.session_token.get() on:input=move |ev| settings.session_token.set(event_target_value(&ev))/>
                <label for="setting-paste">"Or paste the output of "<code>"aws configure export-credentials"</code></label>
                <textarea id="setting-paste" data-setting="paste-credentials" rows="3" spellcheck="false" autocomplete="off"
                    prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
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
                    prop:value=move || settings.timeout.get() on:input=move |ev| settings.timeout.set(event_target_value(&ev))/>
            </div>
            <button type="button" data-action="submit" disabled=move || in_flight.get() on:click=move |_| prepare(false)>"Submit…"</button>
            {move || blocked_by_errors.get().then(|| view! {
                <div class="blocked" role="alert">
                    <p>{format!("The form has {} errors; the service will probably reject it.", studio.error_count())}</p>
                    <button type="button" data-action="submit-anyway" on:click=move |_| prepare(true)>"Submit anyway…"</button>
                </div>
            })}
            {move || pending.get().map(|p| view! {
                <div class="confirm" role="dialog" aria-label="Confirm submission">
                    <p>{format!("POST to {} (signed for {})", p.send_to, p.signed_for)}</p>
                    <pre class="sent-headers">{p.headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect::<String>()}</pre>
                    <details><summary>"Body"</summary><pre>{p.body.clone()}</pre></details>
                    <button type="button" data-action="confirm" disabled=move || in_flight.get() on:click=confirm>
                        {move || if in_flight.get() { "Sending…" } else { "Send request" }}
                    </button>
                    <button type="button" data-action="cancel" disabled=move || in_flight.get() on:click=move |_| pending.set(None)>"Cancel"</button>
                </div>
            })}
            <div class="outcome" aria-live="polite">
                {move || outcome.get().map(|o| match o {
                    Outcome::Success { arn, console } => view! {
                        <div data-outcome="success">
                            <p>"Created " <code>{arn}</code></p>
                            <a href=console target="_blank" rel="noopener">"Open the job in the SageMaker console"</a>
                        </div>
                    }.into_any(),
                    Outcome::Failure(e, _) => view! {
                        <div data-outcome="error">
                            <p><strong>{e.code}</strong>{format!(" (HTTP {})", e.status)}</p>
                            <p>{e.message}</p>
                        </div>
                    }.into_any(),
                    Outcome::Problem(message) => view! { <div data-outcome="error"><p>{message}</p></div> }.into_any(),
                })}
            </div>
        </section>
    }
}

/// POSTs the signed request; the TrainingJobArn on success.
async fn send(send_to: &str, signed: &SignedRequest, body: &str, timeout_seconds: u32) -> Result<String, Outcome> {
    let network = |detail: String| {
        Outcome::Problem(format!(
            "The request did not reach the service ({detail}). A browser can only call an endpoint that allows \
             cross-origin requests (CORS), and SageMaker does not: use a same-origin proxy path (see the README) \
             and check that the endpoint is up."
        ))
    };
    let window = web_sys::window().ok_or_else(|| network("no window".into()))?;
    let headers = web_sys::Headers::new().map_err(|_| network("headers".into()))?;
    for (name, value) in &signed.headers {
        headers.set(name, value).map_err(|_| network(format!("header {name}")))?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    // Give up after the timeout: abort the fetch, and say so rather than blame the network.
    let abort = web_sys::AbortController::new().map_err(|_| network("abort controller".into()))?;
    init.set_signal(Some(&abort.signal()));
    let aborter = abort.clone();
    let on_timeout = wasm_bindgen::closure::Closure::once_into_js(move || aborter.abort());
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.unchecked_ref(),
            (timeout_seconds * 1000) as i32,
        )
        .map_err(|_| network("timer".into()))?;
    let timed_out = move || {
        Outcome::Problem(format!(
            "No answer from the endpoint within {timeout_seconds} seconds, so the request was abandoned. It may \
             still have been received: check the job list before sending it again."
        ))
    };
    let request = web_sys::Request::new_with_str_and_init(send_to, &init).map_err(|e| network(js_message(&e)))?;
    let answer = JsFuture::from(window.fetch_with_request(&request)).await;
    window.clear_timeout_with_handle(timer);
    let response: web_sys::Response = match answer {
        Ok(response) => response.dyn_into().map_err(|_| network("not a response".into()))?,
        Err(_) if abort.signal().aborted() => return Err(timed_out()),
        Err(e) => return Err(network(js_message(&e))),
    };
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if (200..300).contains(&status) {
        let arn = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("TrainingJobArn").and_then(|a| a.as_str()).map(str::to_string));
        arn.ok_or_else(|| Outcome::Problem(format!("The service answered {status} without a TrainingJobArn: {text}")))
    } else {
        let (error, paths) = super::signer::decode_error(status, &text).await;
        Err(Outcome::Failure(error, paths))
    }
}

fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// The job's page in the console of its region and partition.
fn console_link(region: &str, name: &str) -> String {
    let host = if region.starts_with("cn-") {
        "console.amazonaws.cn".to_string()
    } else if region.starts_with("us-gov-") {
        "console.amazonaws-us-gov.com".to_string()
    } else {
        format!("{region}.console.aws.amazon.com")
    };
    format!("https://{host}/sagemaker/home?region={region}#/jobs/{name}")
}

/// A deployment may put a `settings.json` beside the app ({"region", "endpoint", "sendVia"}) so
/// that the proxy path and endpoint are filled in; without it the defaults stay.
fn load_deployment_settings(settings: Settings) {
    leptos::task::spawn_local(async move {
        let Ok(text) = super::fetch::text("settings.json").await else { return };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            return;
        };
        let text_of = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
        // The deployment's region is a default: the user's own choice, kept from last time, wins.
        if let Some(region) = text_of("region").filter(|_| super::storage::load_region().is_none()) {
            settings.region.set(region);
        }
        if let Some(endpoint) = text_of("endpoint") {
            settings.endpoint.set(endpoint);
        }
        if let Some(via) = text_of("sendVia") {
            settings.send_via.set(via);
        }
    });
}
