//! Decodes what the service answered with an error (behaviour §6): JSON as SageMaker sends
//! (`__type`, `message` or `Message`), XML as moto and some front ends send, or raw text.

use serde_json::Value;

use super::unicode::isolate;

/// An error response from the service, or from a proxy on the way, decoded for people.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError {
    /// The response's HTTP status code.
    pub status: u16,
    /// `ValidationException`, `SignatureDoesNotMatch`, ... or `HTTP 502` when nothing better is known.
    pub code: String,
    /// The explanation as sent; empty when only a code was sent. When the body was neither JSON nor
    /// XML, its first 2000 characters.
    pub message: String,
}

/// Decodes an error response: the body as JSON, else as XML, else a web page (a proxy's own
/// error page, explained), else raw text, with the code `HTTP <status>`. A signature the service
/// refused also gets the cause the service's own words leave out. Never fails.
pub fn decode(status: u16, body: &str) -> ServiceError {
    let (code, message) = from_json(body).or_else(|| from_xml(body)).unwrap_or_else(|| {
        let message = match web_page_text(body) {
            Some(text) => {
                format!("{} The answer was a web page, not the service's: \"{}\"", page_cause(status), isolate(&text))
            }
            None => body.trim().chars().take(2000).collect(),
        };
        (format!("HTTP {status}"), message)
    });
    let message = if code == "SignatureDoesNotMatch" {
        format!(
            "{message} Besides the secret key, check that the endpoint (signed for) is the address the request \
             really reaches: the signature covers its host and path, so a proxy that forwards to another host \
             fails it too."
        )
    } else {
        message
    };
    ServiceError { status, code, message }
}

/// What a web page in place of the service's answer most likely means.
fn page_cause(status: u16) -> &'static str {
    match status {
        404 | 405 => {
            "Nothing that speaks the SageMaker API answers at this address: check the proxy path (Send via) \
                      and the endpoint."
        }
        502..=504 => {
            "The proxy could not get an answer from the endpoint it forwards to: check that the endpoint \
                      is up and is the proxy's upstream."
        }
        401 | 403 => "A server on the way refused the request before it reached the service.",
        _ => "Something other than the service answered.",
    }
}

/// The words of an HTML page (its title, else its text), shortened; `None` if it is not one.
fn web_page_text(body: &str) -> Option<String> {
    let start = body.trim_start().get(..15)?.to_ascii_lowercase();
    if !start.starts_with("<!doctype html") && !start.starts_with("<html") {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let title = lower.find("<title>").and_then(|at| {
        let from = at + "<title>".len();
        lower[from..].find("</title>").map(|len| &body[from..from + len])
    });
    let text: String = match title {
        Some(title) => title.to_string(),
        None => {
            let mut text = String::new();
            let mut in_tag = false;
            for c in body.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        text.push(' ');
                    }
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text
        }
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    Some(unescape_xml(&words.join(" ")).chars().take(200).collect())
}

fn from_json(body: &str) -> Option<(String, String)> {
    let value: Value = serde_json::from_str(body).ok()?;
    let text = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_string);
    let code = text("__type").or_else(|| text("code")).or_else(|| text("Code"))?;
    // `__type` may carry a namespace: `com.amazon.coral.validate#ValidationException`.
    let code = code.rsplit('#').next().unwrap_or(&code).to_string();
    let message = text("message").or_else(|| text("Message")).unwrap_or_default();
    Some((code, message))
}

fn from_xml(body: &str) -> Option<(String, String)> {
    let element = |name: &str| {
        let open = format!("<{name}>");
        let start = body.find(&open)? + open.len();
        let end = body[start..].find(&format!("</{name}>"))? + start;
        Some(unescape_xml(body[start..end].trim()))
    };
    let code = element("Code")?;
    Some((code, element("Message").unwrap_or_default()))
}

fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The form paths named in a ValidationException message, such as
/// `inputDataConfig.1.member.inputMode` -> `InputDataConfig[0].InputMode` (the service counts
/// list items from 1).
pub fn field_paths(message: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for word in message.split(|c: char| c.is_whitespace() || c == '\'' || c == '"' || c == ',' || c == ';') {
        let word = word.trim_end_matches(['.', ':']);
        if !word.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            || !word.contains(|c: char| c.is_ascii_uppercase() || c == '.')
        {
            continue;
        }
        if let Some(path) = service_path_to_form_path(word) {
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
    }
    paths
}

fn service_path_to_form_path(word: &str) -> Option<String> {
    use super::catalogue::{self, Kind};
    let mut shape = catalogue::shape(catalogue::ROOT);
    let mut path = String::new();
    let mut parts = word.split('.').peekable();
    while let Some(part) = parts.next() {
        match shape.kind {
            Kind::List(item) => {
                let index: usize = part.parse().ok()?;
                path = super::path::item(&path, index.checked_sub(1)?);
                if parts.peek() == Some(&"member") {
                    parts.next();
                }
                shape = catalogue::shape(item);
            }
            Kind::Structure(members) => {
                let member = members.iter().find(|m| m.name.eq_ignore_ascii_case(part))?;
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(member.name);
                shape = catalogue::shape(member.shape);
            }
            _ => return None,
        }
    }
    (!path.is_empty()).then_some(path)
}
