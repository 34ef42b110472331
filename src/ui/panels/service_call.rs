//! One signed call to SageMaker (behaviour §6, §11): signed in the service worker with the settings
//! as they are now, POSTed directly or through a proxy or the static-host forwarder (*Send via*),
//! and its failure decoded.
//! Submit, the followed job and the job list all call through [`call`].
//!
//! ```ignore
//! let answer = service_call::call(&settings.destination(), Operation::Describe, &jobs::name_body("churn-2")).await?;
//! ```

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::jobs::{quota_explanation, Destination, Operation};
use crate::core::service_error::ServiceError;
use crate::core::sign::{default_endpoint, Keys, SignJob, SignedRequest};
use crate::ui::shared::service_worker;

/// How long to wait for the endpoint unless the user says otherwise.
pub const DEFAULT_TIMEOUT_SECONDS: u32 = 30;

/// How long to wait before the first check of a followed job unless the deployment says otherwise.
pub const DEFAULT_POLL_SECONDS: u32 = 5;

/// Where and how calls are sent. Credentials live in these signals only: never in storage, the
/// URL or the console (behaviour §7).
#[derive(Clone, Copy)]
pub struct Settings {
    /// The region calls are signed for and sent to.
    pub region: RwSignal<String>,
    /// Empty means the region's default endpoint.
    pub endpoint: RwSignal<String>,
    /// One endpoint for the calls to other services (the job's log and metrics); empty sends each
    /// to its own regional endpoint.
    pub account_endpoint: RwSignal<String>,
    /// A same-origin proxy path or the static-host forwarder's URL; empty sends straight to the
    /// endpoint ([`Destination::send_to`]).
    pub send_via: RwSignal<String>,
    /// The access key id, as typed or pasted.
    pub access_key_id: RwSignal<String>,
    /// The secret access key, as typed or pasted.
    pub secret_access_key: RwSignal<String>,
    /// Empty for long-term keys.
    pub session_token: RwSignal<String>,
    /// Seconds to wait for an answer before giving up, as typed.
    pub timeout: RwSignal<String>,
    /// Seconds before the first check of a followed job (the deployment's `pollSeconds`).
    pub poll_seconds: RwSignal<u32>,
}

impl Settings {
    /// Empty settings for `region`.
    pub fn new(region: RwSignal<String>) -> Self {
        Settings {
            region,
            endpoint: RwSignal::new(String::new()),
            account_endpoint: RwSignal::new(String::new()),
            send_via: RwSignal::new(String::new()),
            access_key_id: RwSignal::new(String::new()),
            secret_access_key: RwSignal::new(String::new()),
            session_token: RwSignal::new(String::new()),
            timeout: RwSignal::new(DEFAULT_TIMEOUT_SECONDS.to_string()),
            poll_seconds: RwSignal::new(DEFAULT_POLL_SECONDS),
        }
    }

    /// Whether calls as set now would be refused on their way (tracked, for the Submit panel's
    /// note): see [`Destination::needs_a_forwarder`].
    pub fn need_a_forwarder(&self) -> bool {
        Destination {
            send_via: self.send_via.get(),
            custom_endpoint: !self.endpoint.with(|e| e.trim().is_empty()),
            ..Destination::default()
        }
        .needs_a_forwarder()
    }

    /// The settings as they are now, for one call.
    pub fn destination(&self) -> Destination {
        let custom = self.endpoint.get_untracked();
        let custom_endpoint = !custom.trim().is_empty();
        Destination {
            endpoint: if custom_endpoint { custom } else { default_endpoint(&self.region.get_untracked()) },
            custom_endpoint,
            account_endpoint: self.account_endpoint.get_untracked(),
            region: self.region.get_untracked(),
            send_via: self.send_via.get_untracked(),
            keys: Keys {
                access_key_id: self.access_key_id.get_untracked(),
                secret_access_key: self.secret_access_key.get_untracked(),
                session_token: self.session_token.get_untracked(),
            },
            timeout_seconds: self
                .timeout
                .get_untracked()
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|t| *t > 0)
                .unwrap_or(DEFAULT_TIMEOUT_SECONDS),
            poll_seconds: self.poll_seconds.get_untracked(),
        }
    }
}

/// Signs `body` for `operation` now, in the service worker, for its service's endpoint.
pub async fn sign(to: &Destination, operation: Operation, body: &str) -> Result<SignedRequest, String> {
    let job = SignJob {
        endpoint: to.endpoint_for(operation.service()),
        region: to.region.clone(),
        keys: to.keys.clone(),
        target: operation.target().to_string(),
        body: body.to_string(),
        time_ms: js_sys::Date::now() as u64,
    };
    service_worker::sign(&job).await
}

/// Why a call gave no answer to read.
#[derive(Clone)]
pub enum CallFailure {
    /// The service (or a proxy) answered with an error, and the form paths its message names.
    Service(ServiceError, Vec<String>),
    /// It could not be signed, did not arrive or timed out; a message for the user.
    Problem(String),
}

thread_local! {
    /// The submit on its way, which the user may cancel ([`cancel_submit`]), and whether they did.
    static SUBMIT_IN_FLIGHT: RefCell<(Option<web_sys::AbortController>, bool)> = const { RefCell::new((None, false)) };
}

/// Abandons the submit on its way, if there is one: its call ends with a message that says so.
pub fn cancel_submit() {
    SUBMIT_IN_FLIGHT.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some(abort) = slot.0.take() {
            slot.1 = true;
            abort.abort();
        }
    });
}

/// Signs `body` for `operation` and sends it to `to`; the answer's text on success (HTTP 2xx).
/// A submit (`Operation::Create`) can be cancelled while it is on its way ([`cancel_submit`]).
pub async fn call(to: &Destination, operation: Operation, body: &str) -> Result<String, CallFailure> {
    let signed = sign(to, operation, body).await.map_err(CallFailure::Problem)?;
    let page_origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let advice = to.unreachable_advice(&page_origin);
    send(&to.send_to(&signed.url), &signed, body, to.timeout_seconds, operation == Operation::Create, &advice).await
}

/// POSTs a signed request, giving up after `timeout_seconds`; a `cancellable` one also when the
/// user cancels it. A request that gets no answer at all is told with `unreachable_advice`.
async fn send(
    send_to: &str,
    signed: &SignedRequest,
    body: &str,
    timeout_seconds: u32,
    cancellable: bool,
    unreachable_advice: &str,
) -> Result<String, CallFailure> {
    let network = |detail: String| {
        CallFailure::Problem(format!("The request did not reach the service ({detail}). {unreachable_advice}"))
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
    let timer =
        set_timeout_with_handle(move || aborter.abort(), std::time::Duration::from_secs(u64::from(timeout_seconds)))
            .map_err(|_| network("timer".into()))?;
    let request = web_sys::Request::new_with_str_and_init(send_to, &init).map_err(|e| network(js_message(&e)))?;
    if cancellable {
        SUBMIT_IN_FLIGHT.with(|slot| *slot.borrow_mut() = (Some(abort.clone()), false));
    }
    let answer = JsFuture::from(window.fetch_with_request(&request)).await;
    timer.clear();
    let cancelled = cancellable && SUBMIT_IN_FLIGHT.with(|slot| std::mem::take(&mut *slot.borrow_mut()).1);
    let response: web_sys::Response = match answer {
        Ok(response) => response.dyn_into().map_err(|_| network("not a response".into()))?,
        Err(_) if cancelled => {
            return Err(CallFailure::Problem(
                "You cancelled the request before an answer came. It may still have reached the service: list the \
                 jobs before sending it again."
                    .into(),
            ))
        }
        Err(_) if abort.signal().aborted() => {
            return Err(CallFailure::Problem(format!(
                "No answer from the endpoint within {timeout_seconds} seconds, so the request was abandoned. It may \
                 still have been received: list the jobs before sending it again."
            )))
        }
        Err(e) => return Err(network(js_message(&e))),
    };
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        let (error, paths) = service_worker::decode_error(status, &text).await;
        Err(CallFailure::Service(error, paths))
    }
}

fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// What a failed call says: the service's code and message (with what a quota means), or the
/// problem on the way.
#[component]
pub fn CallFailureView(
    /// How the call failed.
    failure: CallFailure,
    /// The region it was sent to, for the quota explanation.
    region: String,
) -> impl IntoView {
    match failure {
        CallFailure::Service(e, _) => view! {
            <p><strong>{e.code.clone()}</strong>{(!e.code.starts_with("HTTP ")).then(|| format!(" (HTTP {})", e.status))}</p>
            <p>{e.message}</p>
            {(e.code == "ResourceLimitExceeded").then(|| view! { <p>{quota_explanation(&region)}</p> })}
        }
        .into_any(),
        CallFailure::Problem(message) => view! { <p>{message}</p> }.into_any(),
    }
}
