//! The account lookups (behaviour §13), carried out in the service worker: the core says which
//! lookups a request needs and builds each one's read call ([`account::call_for`]); this signs
//! it, sends it (a round's calls at once), and hands the answer back to the core to read. Good
//! answers are kept for the page's life, per region, endpoint and key; a lookup that could not
//! be made is asked again next time. Nothing is decided here.
//!
//! ```ignore
//! let answer = account_lookups::check(body, destination).await; // Answer::AccountChecked(outcome)
//! ```

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::account::{self, call_for, read_answer, AccountCall, AccountService, Fact, Facts, Lookup};
use crate::core::jobs::Destination;
use crate::core::protocol::service::Answer;
use crate::core::sign::sign_call;

thread_local! {
    /// The answers so far, and whose they are: region, account endpoint, *Send via* and key.
    static KNOWN: RefCell<(String, Facts)> = RefCell::new((String::new(), Facts::default()));
}

/// Checks `body` against the account `to` reaches, reusing what is known.
pub async fn check(body: Value, to: Destination) -> Answer {
    let whose = [&to.region, &to.account_endpoint, &to.send_via, &to.keys.access_key_id].map(|s| s.trim()).join("\n");
    let mut facts = KNOWN.with(|known| {
        let known = known.borrow();
        if known.0 == whose {
            known.1.clone()
        } else {
            Facts::default()
        }
    });
    loop {
        let round = account::plan(&body, &to.region, &facts);
        if round.is_empty() {
            break;
        }
        let answers = all_at_once(&round, &to).await;
        for (lookup, answer) in round.into_iter().zip(answers) {
            facts.answer(lookup, answer);
        }
    }
    let outcome = account::check(&body, &to.region, &facts);
    facts.forget_failures();
    KNOWN.with(|known| *known.borrow_mut() = (whose, facts));
    Answer::AccountChecked(outcome)
}

/// The answers to a round of lookups, made at once (with the browser's `Promise.all`).
async fn all_at_once(round: &[Lookup], to: &Destination) -> Vec<Result<Fact, String>> {
    let answers: Rc<RefCell<Vec<Result<Fact, String>>>> =
        Rc::new(RefCell::new(vec![Err("no answer was given".into()); round.len()]));
    let calls = js_sys::Array::new();
    for (at, lookup) in round.iter().enumerate() {
        let (answers, lookup, to) = (answers.clone(), lookup.clone(), to.clone());
        calls.push(&wasm_bindgen_futures::future_to_promise(async move {
            let answer = look_up(&lookup, &to).await;
            answers.borrow_mut()[at] = answer;
            Ok(JsValue::UNDEFINED)
        }));
    }
    // Each call's promise resolves, whatever its answer.
    let _ = JsFuture::from(js_sys::Promise::all(&calls)).await;
    answers.take()
}

/// One lookup: its call signed now, sent, and its answer read.
async fn look_up(lookup: &Lookup, to: &Destination) -> Result<Fact, String> {
    let call = call_for(lookup, &to.region, &to.account_endpoint);
    let now = UNIX_EPOCH + Duration::from_millis(js_sys::Date::now() as u64);
    let signed = sign_call(&call, &to.keys, now)?;
    let every_call_via = !to.account_endpoint.trim().is_empty();
    let send_to = call.send_to(&to.send_via, every_call_via);
    let (status, text) = send(&call, &send_to, &signed.headers, to.timeout_seconds).await.map_err(|why| {
        format!("the call to {} got no answer: {why}; {}", host_of(&call.url), unreachable(&call, to))
    })?;
    read_answer(lookup, status, &text)
}

/// What to check when a call got no answer at all.
fn unreachable(call: &AccountCall, to: &Destination) -> &'static str {
    if call.service == AccountService::S3 && to.send_via.trim().is_empty() {
        "S3 answers a web page only where the bucket's owner allows it: set Send via to a proxy path or the \
         static-host forwarder"
    } else if to.send_via.trim().is_empty() {
        "check the network, and the account endpoint if one is set"
    } else {
        "check the network, and that Send via forwards to the service"
    }
}

fn host_of(url: &str) -> &str {
    url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or(url)
}

/// Sends the signed call from the worker, giving up after `timeout_seconds`: the answer's status
/// and text, or why none came.
async fn send(
    call: &AccountCall,
    send_to: &str,
    headers: &[(String, String)],
    timeout_seconds: u32,
) -> Result<(u16, String), String> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let sent_headers = web_sys::Headers::new().map_err(|_| "headers".to_string())?;
    for (name, value) in headers {
        sent_headers.set(name, value).map_err(|_| format!("the header {name}"))?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(call.method);
    init.set_headers(&sent_headers);
    if call.method == "POST" {
        init.set_body(&JsValue::from_str(&call.body));
    }
    let abort = web_sys::AbortController::new().map_err(|_| "abort controller".to_string())?;
    init.set_signal(Some(&abort.signal()));
    let aborter = abort.clone();
    let give_up = Closure::once_into_js(move || aborter.abort());
    let timeout_ms = i32::try_from(u64::from(timeout_seconds.max(1)) * 1000).unwrap_or(i32::MAX);
    let timer = scope
        .set_timeout_with_callback_and_timeout_and_arguments_0(give_up.unchecked_ref(), timeout_ms)
        .map_err(|_| "timer".to_string())?;
    let request = web_sys::Request::new_with_str_and_init(send_to, &init).map_err(|e| describe(&e))?;
    let answer = JsFuture::from(scope.fetch_with_request(&request)).await;
    let read = async {
        let response: web_sys::Response =
            answer
                .map_err(|e| {
                    if abort.signal().aborted() {
                        format!("none within {timeout_seconds} s")
                    } else {
                        describe(&e)
                    }
                })?
                .unchecked_into();
        let text = response.text().map_err(|e| describe(&e))?;
        let text = JsFuture::from(text).await.map_err(|e| describe(&e))?;
        Ok((response.status(), text.as_string().unwrap_or_default()))
    }
    .await;
    scope.clear_timeout_with_handle(timer);
    read
}

fn describe(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "a network failure".into())
}
