//! The job's log (behaviour §15): the CloudWatch Logs calls that read it, their answers read, and
//! the lines merged from every instance's stream in time order, cleaned for the page.
//!
//! ```
//! use tjs::core::watch::logs::{clean_line, instance_of};
//! assert_eq!(clean_line("\u{1b}[32mINFO\u{1b}[0m epoch 1\r"), "INFO epoch 1");
//! assert_eq!(instance_of("my-job", "my-job/algo-2-1700000000"), "algo-2");
//! ```

use serde_json::{json, Value};

/// Where SageMaker writes every training job's log.
pub const LOG_GROUP: &str = "/aws/sagemaker/TrainingJobs";

/// The most lines one read asks for (the service's own limit is 10,000).
pub const READ_LIMIT: u32 = 1000;

/// The body of DescribeLogStreams for the job's streams (one per instance, named
/// `<job>/algo-<n>-<epoch seconds>`), `next_token` for the page after the first.
pub fn streams_body(job: &str, next_token: Option<&str>) -> String {
    let mut body = json!({ "logGroupName": LOG_GROUP, "logStreamNamePrefix": format!("{job}/") });
    if let Some(token) = next_token {
        body["nextToken"] = json!(token);
    }
    body.to_string()
}

/// One instance's stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    /// The stream's full name.
    pub name: String,
    /// The instance it belongs to (`algo-1`), for the instance choice.
    pub instance: String,
}

/// A page of DescribeLogStreams' answer: the streams, and the token of the next page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StreamPage {
    /// The job's streams, by instance.
    pub streams: Vec<Stream>,
    /// Set when there are more.
    pub next_token: Option<String>,
}

/// `algo-2` from `<job>/algo-2-1700000000`: the stream name less the job and the start time.
pub fn instance_of(job: &str, stream: &str) -> String {
    let rest = stream.strip_prefix(job).and_then(|r| r.strip_prefix('/')).unwrap_or(stream);
    match rest.rsplit_once('-') {
        Some((instance, started)) if !started.is_empty() && started.bytes().all(|b| b.is_ascii_digit()) => {
            instance.to_string()
        }
        _ => rest.to_string(),
    }
}

/// Reads DescribeLogStreams' answer for `job`'s streams, sorted by instance.
pub fn read_streams(job: &str, text: &str) -> Result<StreamPage, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("The list of log streams is not JSON ({e})."))?;
    let streams = value
        .get("logStreams")
        .and_then(Value::as_array)
        .ok_or("The answer has no list of log streams (logStreams).")?;
    let mut streams: Vec<Stream> = streams
        .iter()
        .filter_map(|s| s.get("logStreamName").and_then(Value::as_str))
        .filter(|name| name.starts_with(&format!("{job}/")))
        .map(|name| Stream { name: name.to_string(), instance: instance_of(job, name) })
        .collect();
    streams.sort_by(|a, b| natural_key(&a.instance).cmp(&natural_key(&b.instance)).then(a.name.cmp(&b.name)));
    let next_token = value.get("nextToken").and_then(Value::as_str).map(str::to_string);
    Ok(StreamPage { streams, next_token })
}

/// `algo-10` after `algo-9`: the text, with its number compared as a number.
fn natural_key(instance: &str) -> (String, u64) {
    let digits = instance.len() - instance.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, number) = instance.split_at(instance.len() - digits);
    (stem.to_string(), number.parse().unwrap_or(0))
}

/// Which part of a stream a read asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// The newest lines, for a stream read for the first time.
    Newest,
    /// Lines after this forward token: what arrived since the last read.
    After(String),
    /// Lines before this backward token: older lines the user asked for.
    Before(String),
}

/// The body of GetLogEvents for `stream`.
pub fn events_body(stream: &str, read: &Read) -> String {
    let mut body = json!({ "logGroupName": LOG_GROUP, "logStreamName": stream, "limit": READ_LIMIT });
    match read {
        Read::Newest => body["startFromHead"] = json!(false),
        Read::After(token) => {
            body["nextToken"] = json!(token);
            body["startFromHead"] = json!(true);
        }
        Read::Before(token) => {
            body["nextToken"] = json!(token);
            body["startFromHead"] = json!(false);
        }
    }
    body.to_string()
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// When it was written, in milliseconds since 1970.
    pub time_ms: i64,
    /// The instance that wrote it (`algo-1`).
    pub instance: String,
    /// Its text, cleaned ([`clean_line`]).
    pub text: String,
}

/// A page of GetLogEvents' answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventPage {
    /// The lines, oldest first.
    pub lines: Vec<Line>,
    /// Where the next read of newer lines starts.
    pub forward_token: Option<String>,
    /// Where a read of older lines starts.
    pub backward_token: Option<String>,
}

/// Reads GetLogEvents' answer for a stream of `instance`.
pub fn read_events(instance: &str, text: &str) -> Result<EventPage, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("The log lines are not JSON ({e})."))?;
    let events = value.get("events").and_then(Value::as_array).ok_or("The answer has no log lines (events).")?;
    let mut lines: Vec<Line> = events
        .iter()
        .map(|event| Line {
            time_ms: event.get("timestamp").and_then(Value::as_i64).unwrap_or(0),
            instance: instance.to_string(),
            text: clean_line(event.get("message").and_then(Value::as_str).unwrap_or_default()),
        })
        .collect();
    lines.sort_by_key(|line| line.time_ms);
    let token = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    Ok(EventPage { lines, forward_token: token("nextForwardToken"), backward_token: token("nextBackwardToken") })
}

/// A log line as the page shows it: terminal colour and cursor codes (ANSI escape sequences)
/// taken out, a trailing line break or carriage return dropped, and any other control character
/// but a tab shown as `�`, so that nothing in a line can change how the page looks.
pub fn clean_line(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.trim_end_matches(['\n', '\r']).chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.peek() {
                // CSI: ESC [ parameters, then one final byte in @..~.
                Some('[') => {
                    chars.next();
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                // OSC: ESC ] text, ended by BEL or ESC \.
                Some(']') => {
                    chars.next();
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                // Any other escape takes one character with it.
                Some(_) => {
                    chars.next();
                }
                None => {}
            },
            '\t' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The log's filter: the words every line shown has, compared without regard to the case of
/// ASCII letters. Read once per change of the filter box, so that filtering 100,000 lines
/// allocates nothing per line.
///
/// ```
/// use tjs::core::watch::logs::Filter;
/// let filter = Filter::new("RMSE  epoch");
/// assert!(filter.keeps("[3] epoch 3 train-rmse:0.5"));
/// assert!(!filter.keeps("epoch 3 loss"));
/// assert!(Filter::new("  ").keeps("any line"));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    words: Vec<String>,
}

impl Filter {
    /// The filter for what the user typed.
    pub fn new(typed: &str) -> Self {
        Filter { words: typed.split_whitespace().map(str::to_ascii_lowercase).collect() }
    }

    /// Whether it keeps every line.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `text` has every word.
    pub fn keeps(&self, text: &str) -> bool {
        self.words.iter().all(|word| contains_ignoring_ascii_case(text.as_bytes(), word.as_bytes()))
    }
}

/// Whether `haystack` holds `needle` (already in lower case), ignoring the case of ASCII letters.
fn contains_ignoring_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
}

/// Puts `new` lines into `lines` (both oldest first), in time order; lines of one instance keep
/// the order the service gave them.
pub fn merge(lines: &mut Vec<Line>, new: Vec<Line>) {
    if new.is_empty() {
        return;
    }
    let earliest = new.iter().map(|l| l.time_ms).min().unwrap_or(0);
    // New lines mostly come after all the others: only the tail that may interleave is sorted.
    let from = lines.partition_point(|l| l.time_ms <= earliest);
    let mut tail = lines.split_off(from);
    tail.extend(new);
    tail.sort_by_key(|l| l.time_ms);
    lines.extend(tail);
}

/// Which rows a list of `total` rows of `row_height` pixels draws when scrolled to `scroll_top`
/// in a view `view_height` high: those in view and `spare` more on each side. A long log draws
/// only these, so scrolling costs the same at 100 lines as at 100,000.
pub fn rows_in_view(
    total: usize,
    row_height: f64,
    scroll_top: f64,
    view_height: f64,
    spare: usize,
) -> std::ops::Range<usize> {
    if total == 0 || row_height <= 0.0 {
        return 0..0;
    }
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let count = (view_height.max(0.0) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(spare).min(total);
    let end = (first + count + spare).min(total);
    start..end
}

/// The log as a file to download: one line each, `<time> <instance> <text>`.
pub fn as_file(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        let time = super::super::jobs::utc_time(line.time_ms as f64 / 1000.0);
        out.push_str(&format!("{time} {} {}\n", line.instance, line.text));
    }
    out
}

/// What is known of one stream: where its next newer and older reads start.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamState {
    /// The stream.
    pub stream: Stream,
    /// The token after the newest line read; `None` before the first read.
    pub forward: Option<String>,
    /// The token before the oldest line read; `None` before the first read or once nothing older
    /// is left.
    pub backward: Option<String>,
}

/// The job's log as read so far: its streams, and every line, in time order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Log {
    /// One per instance, in instance order.
    pub streams: Vec<StreamState>,
    /// Every line read, oldest first.
    pub lines: Vec<Line>,
}

impl Log {
    /// Takes the streams of a DescribeLogStreams page; streams already known keep their place.
    pub fn add_streams(&mut self, page: StreamPage) {
        for stream in page.streams {
            if !self.streams.iter().any(|s| s.stream.name == stream.name) {
                self.streams.push(StreamState { stream, forward: None, backward: None });
            }
        }
        self.streams.sort_by_key(|s| natural_key(&s.stream.instance));
    }

    /// The reads that bring each stream up to date: the newest lines of a stream not read yet,
    /// the lines after its forward token otherwise. (stream name, instance, read)
    pub fn newer_reads(&self) -> Vec<(String, String, Read)> {
        self.streams
            .iter()
            .map(|s| {
                let read = s.forward.clone().map_or(Read::Newest, Read::After);
                (s.stream.name.clone(), s.stream.instance.clone(), read)
            })
            .collect()
    }

    /// The reads of the lines before those read so far, for the streams that have older lines.
    pub fn older_reads(&self) -> Vec<(String, String, Read)> {
        self.streams
            .iter()
            .filter_map(|s| Some((s.stream.name.clone(), s.stream.instance.clone(), Read::Before(s.backward.clone()?))))
            .collect()
    }

    /// Takes the answer to `read` of `stream`; whether it brought lines. An answer to a read the
    /// stream has moved past (two reads from the same token, one answered before the other) is
    /// dropped, so that no line is taken twice.
    pub fn take(&mut self, stream: &str, read: &Read, page: EventPage) -> bool {
        let Some(state) = self.streams.iter_mut().find(|s| s.stream.name == stream) else { return false };
        let current = match read {
            Read::Newest => state.forward.is_none(),
            Read::After(token) => state.forward.as_ref() == Some(token),
            Read::Before(token) => state.backward.as_ref() == Some(token),
        };
        if !current {
            return false;
        }
        let got = !page.lines.is_empty();
        match read {
            Read::Newest => {
                state.forward = page.forward_token;
                state.backward = page.backward_token.filter(|_| got);
            }
            // An unchanged forward token means nothing new was written; the service gives it back.
            Read::After(_) => {
                if page.forward_token.is_some() {
                    state.forward = page.forward_token;
                }
            }
            // At the start of the stream the service gives the same backward token again.
            Read::Before(token) => {
                state.backward = page.backward_token.filter(|t| got && t != token);
            }
        }
        merge(&mut self.lines, page.lines);
        got
    }

    /// Whether any stream has older lines to read.
    pub fn has_older(&self) -> bool {
        self.streams.iter().any(|s| s.backward.is_some())
    }
}
