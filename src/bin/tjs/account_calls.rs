//! `tjs validate --account`: carries out the core's account lookups (behaviour §13) over HTTPS
//! with `ureq`, a round at a time and each round's calls at once, and hands the answers back to
//! the core. Nothing is decided here: what to ask and what the answers mean is the core's.

use std::time::{Duration, SystemTime};

use serde_json::Value;
use tjs::core::account::{self, call_for, read_answer, Fact, Facts, Lookup, Outcome};
use tjs::core::sign::{sign_call, Keys};

/// How long one call may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The account checks of `request`, a job in `region`, with `keys`; `endpoint_url` (when not
/// empty) answers for every service.
pub fn check(request: &Value, region: &str, keys: &Keys, endpoint_url: &str) -> Outcome {
    let agent: ureq::Agent =
        ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).http_status_as_error(false).build().into();
    let mut facts = Facts::default();
    account::gather(request, region, &mut facts, |round| {
        std::thread::scope(|scope| {
            let calls: Vec<_> = round
                .iter()
                .map(|lookup| {
                    let agent = agent.clone();
                    scope.spawn(move || (lookup.clone(), look_up(&agent, lookup, region, keys, endpoint_url)))
                })
                .collect();
            calls.into_iter().filter_map(|call| call.join().ok()).collect()
        })
    });
    account::check(request, region, &facts)
}

/// One lookup: its call, signed, sent and read.
fn look_up(
    agent: &ureq::Agent,
    lookup: &Lookup,
    region: &str,
    keys: &Keys,
    endpoint_url: &str,
) -> Result<Fact, String> {
    let call = call_for(lookup, region, endpoint_url);
    let signed = sign_call(&call, keys, SystemTime::now())?;
    let answer = if call.method == "GET" {
        let mut request = agent.get(&signed.url);
        for (name, value) in &signed.headers {
            request = request.header(name, value);
        }
        request.call()
    } else {
        let mut request = agent.post(&signed.url);
        for (name, value) in &signed.headers {
            request = request.header(name, value);
        }
        request.send(call.body.as_bytes())
    };
    let mut response = answer.map_err(|e| format!("the call to {} got no answer: {e}", host_of(&signed.url)))?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(10 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| format!("the answer from {} could not be read: {e}", host_of(&signed.url)))?;
    read_answer(lookup, status, &body)
}

fn host_of(url: &str) -> &str {
    url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or(url)
}
