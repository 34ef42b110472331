//! Following jobs after submit (behaviour §11): the calls' bodies, their answers read for people,
//! when to ask again, which fields a failure names, and where the console shows the job.
//!
//! ```
//! use tjs::core::jobs::{read_job, is_final, poll_delay_ms};
//! let job = read_job(r#"{"TrainingJobName": "a", "TrainingJobStatus": "Failed",
//!     "FailureReason": "ClientError: no data in s3://b/train"}"#).unwrap();
//! assert!(is_final(&job.status));
//! assert_eq!(poll_delay_ms(0, 5000), 5000);
//! ```

use serde_json::{json, Map, Value};

use super::path::{child, item};
use super::sign::Keys;

/// Where and how one call is sent: the page's settings at that moment. The job panel, which loads
/// as a module of its own, asks the page for it as JSON ([`Destination::to_json`]) before each
/// call, so the keys stay in the page's memory and in no store.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Destination {
    /// The SageMaker URL that is signed for.
    pub endpoint: String,
    /// One URL for every other service's calls (CloudWatch Logs, CloudWatch), as a local stack
    /// serves them all; empty sends each to its own regional endpoint.
    pub account_endpoint: String,
    /// Whether the user set that endpoint (a test stack or a private copy has no console).
    pub custom_endpoint: bool,
    /// The region signed for.
    pub region: String,
    /// Where to send instead of the endpoint itself, for a service that refuses calls from a web
    /// page: a same-origin proxy path (`aws/` behind the nginx recipe) or the URL of the
    /// static-host forwarder. Empty sends straight to the endpoint. See [`Destination::send_to`].
    pub send_via: String,
    /// The credentials to sign with.
    pub keys: Keys,
    /// Seconds to wait for an answer.
    pub timeout_seconds: u32,
    /// Seconds before the first check of a followed job.
    pub poll_seconds: u32,
}

impl Destination {
    /// The URL a call to `service` is signed for: the SageMaker endpoint, the account endpoint
    /// when one is set, or the service's own in the region.
    pub fn endpoint_for(&self, service: Service) -> String {
        let account = self.account_endpoint.trim();
        match service {
            Service::SageMaker => self.endpoint.clone(),
            _ if !account.is_empty() => account.to_string(),
            _ => service.default_endpoint(&self.region),
        }
    }

    /// Where the request goes: the signed URL itself, or, with a *Send via* set, that base
    /// followed by the host the request was signed for and its path (`aws/` and
    /// `https://api.sagemaker.eu-west-1.amazonaws.com/` give
    /// `aws/api.sagemaker.eu-west-1.amazonaws.com/`). The nginx recipe and the static-host
    /// forwarder both read the target host from there, so one *Send via* means the same behind
    /// either; neither forwards to a host outside the AWS endpoints (or a local stack they name).
    pub fn send_to(&self, signed_url: &str) -> String {
        sent_via(&self.send_via, signed_url)
    }

    /// What to check when a call from the page at `page_origin` got no answer at all (refused by
    /// the browser's CORS rules, a wrong address, nothing listening).
    pub fn unreachable_advice(&self, page_origin: &str) -> String {
        let via = self.send_via.trim();
        if via.starts_with("https://") || via.starts_with("http://") {
            format!(
                "Check the forwarder's URL in Send via, and that the forwarder lets pages from {page_origin} use it \
                 (its AllowedOrigins)."
            )
        } else if via.is_empty() {
            "A browser can only call an endpoint that allows cross-origin requests (CORS), and SageMaker does not: \
             send via a same-origin proxy path or the static-host forwarder (see the README), and check that the \
             endpoint is up."
                .to_string()
        } else {
            format!("Check that the server of this page forwards {via} (see the README), and that the endpoint is up.")
        }
    }

    /// Whether a call from a web page will be refused on its way: nothing to send via, and the
    /// endpoint is the service's own, which does not answer a browser's CORS preflight (a custom
    /// endpoint, such as a local stack, may).
    pub fn needs_a_forwarder(&self) -> bool {
        self.send_via.trim().is_empty() && !self.custom_endpoint
    }
}

/// Where a call signed for `signed_url` goes with *Send via* `send_via`: see
/// [`Destination::send_to`].
pub fn sent_via(send_via: &str, signed_url: &str) -> String {
    let via = send_via.trim();
    if via.is_empty() {
        return signed_url.to_string();
    }
    let host_and_path = signed_url.split_once("://").map_or(signed_url, |(_, rest)| rest);
    format!("{}/{}", via.trim_end_matches('/'), host_and_path)
}

/// Where a followed job lives: the endpoint, region and way of sending of the first call about
/// it, kept while it is followed, so that choosing another region for the next job does not lose
/// this one. The keys, the timeout and the polling are not part of it: each call takes them as
/// they are then.
///
/// ```
/// use tjs::core::jobs::{Destination, JobPlace};
/// let mut place = JobPlace::default();
/// let first = Destination { region: "eu-west-1".into(), ..Destination::default() };
/// place.destination(&first);
/// let later = Destination { region: "us-east-1".into(), ..Destination::default() };
/// assert_eq!(place.destination(&later).region, "eu-west-1");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JobPlace(Option<Destination>);

impl JobPlace {
    /// Where a call about the job goes now, with the settings as they are `now`: the place of
    /// the first call (which this one is, if none was made yet), with `now`'s keys, timeout and
    /// polling.
    pub fn destination(&mut self, now: &Destination) -> Destination {
        let place = self.0.get_or_insert_with(|| Destination { keys: Default::default(), ..now.clone() });
        Destination {
            keys: now.keys.clone(),
            timeout_seconds: now.timeout_seconds,
            poll_seconds: now.poll_seconds,
            ..place.clone()
        }
    }

    /// The region the job is followed in; empty before the first call.
    pub fn region(&self) -> &str {
        self.0.as_ref().map_or("", |place| place.region.as_str())
    }

    /// Forgets the place: the next job followed is looked up with the settings of its first call.
    pub fn forget(&mut self) {
        self.0 = None;
    }
}

/// The calls the app makes, each signed with its own `X-Amz-Target`. Only Create and Stop change
/// anything; the others read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Starts a job (the submit).
    Create,
    /// One job's status and details.
    Describe,
    /// Asks a running job to stop.
    Stop,
    /// The account's jobs, a page at a time.
    List,
    /// The job's log streams, one per instance (CloudWatch Logs).
    LogStreams,
    /// Lines of one log stream (CloudWatch Logs).
    LogEvents,
    /// The job's metric points (CloudWatch).
    MetricData,
}

impl Operation {
    /// Every call the app makes.
    pub const ALL: [Operation; 7] = [
        Operation::Create,
        Operation::Describe,
        Operation::Stop,
        Operation::List,
        Operation::LogStreams,
        Operation::LogEvents,
        Operation::MetricData,
    ];

    /// The `X-Amz-Target` header value.
    pub fn target(self) -> &'static str {
        match self {
            Operation::Create => "SageMaker.CreateTrainingJob",
            Operation::Describe => "SageMaker.DescribeTrainingJob",
            Operation::Stop => "SageMaker.StopTrainingJob",
            Operation::List => "SageMaker.ListTrainingJobs",
            Operation::LogStreams => "Logs_20140328.DescribeLogStreams",
            Operation::LogEvents => "Logs_20140328.GetLogEvents",
            Operation::MetricData => "GraniteServiceVersion20100801.GetMetricData",
        }
    }

    /// The service that answers it.
    pub fn service(self) -> Service {
        match self {
            Operation::Create | Operation::Describe | Operation::Stop | Operation::List => Service::SageMaker,
            Operation::LogStreams | Operation::LogEvents => Service::Logs,
            Operation::MetricData => Service::CloudWatch,
        }
    }

    /// The operation a target names, as the service worker reads it back.
    pub fn from_target(target: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|o| o.target() == target)
    }
}

/// The AWS services the app calls. Each speaks an AWS JSON protocol over `POST /`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// SageMaker: the job itself.
    SageMaker,
    /// CloudWatch Logs: the job's log.
    Logs,
    /// CloudWatch: the job's metrics (its JSON 1.0 protocol, which it answers besides CBOR and
    /// the query protocol).
    CloudWatch,
}

impl Service {
    /// The service name in the SigV4 credential scope.
    pub fn signing_name(self) -> &'static str {
        match self {
            Service::SageMaker => "sagemaker",
            Service::Logs => "logs",
            Service::CloudWatch => "monitoring",
        }
    }

    /// The request's `Content-Type`.
    pub fn content_type(self) -> &'static str {
        match self {
            Service::SageMaker | Service::Logs => "application/x-amz-json-1.1",
            Service::CloudWatch => "application/x-amz-json-1.0",
        }
    }

    /// The service's endpoint in `region`, in its partition's domain.
    pub fn default_endpoint(self, region: &str) -> String {
        let host = match self {
            Service::SageMaker => "api.sagemaker",
            Service::Logs => "logs",
            Service::CloudWatch => "monitoring",
        };
        format!("https://{host}.{region}.{}/", super::regions::domain(region))
    }
}

/// The values of `TrainingJobStatus` in the service model (botocore's `TrainingJobStatus` enum),
/// for the list's status filter.
pub const STATUSES: [&str; 5] = ["InProgress", "Completed", "Failed", "Stopping", "Stopped"];

/// Whether a job in this status will change no more.
pub fn is_final(status: &str) -> bool {
    matches!(status, "Completed" | "Failed" | "Stopped")
}

/// Whether a job in this status can be asked to stop.
pub fn can_stop(status: &str) -> bool {
    status == "InProgress"
}

/// How long to wait before the `attempt`th check (0 first): `first_ms`, doubling up to a minute.
pub fn poll_delay_ms(attempt: u32, first_ms: u32) -> u32 {
    first_ms.saturating_mul(1u32 << attempt.min(16)).min(60_000.max(first_ms))
}

/// One step of the job's secondary status, as the timeline shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    /// `Starting`, `Downloading`, `Training`, ...
    pub status: String,
    /// When it started, `2026-11-27 01:02:03 UTC`; empty if not given.
    pub started: String,
    /// The service's words for it.
    pub message: String,
}

/// A DescribeTrainingJob answer, as the job panel shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Job {
    /// The job's name.
    pub name: String,
    /// `InProgress`, `Completed`, `Failed`, `Stopping` or `Stopped`.
    pub status: String,
    /// The finer status (`Downloading`, `Training`, `Uploading`, ...); may be empty.
    pub secondary: String,
    /// Each secondary status so far, oldest first.
    pub timeline: Vec<Transition>,
    /// Why the job failed, as the service says it; empty unless it failed.
    pub failure_reason: String,
    /// Seconds billed so far, when given.
    pub billable_seconds: Option<u64>,
    /// Where the model was written (`ModelArtifacts.S3ModelArtifacts`); empty until written.
    pub model_artifacts: String,
    /// What its charts need: metric names, instances, final values, when it ran.
    pub metrics: crate::core::watch::metrics::JobMetrics,
}

/// Reads a DescribeTrainingJob answer. Anything that is not an object with a name and a status
/// gets a message that says what was wrong.
pub fn read_job(text: &str) -> Result<Job, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("The job's description is not JSON ({e})."))?;
    let object = value.as_object().ok_or("The job's description is not a JSON object.")?;
    let text_of = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let name = text_of(object.get("TrainingJobName"));
    let status = text_of(object.get("TrainingJobStatus"));
    if name.is_empty() || status.is_empty() {
        return Err("The job's description has no TrainingJobName or TrainingJobStatus.".into());
    }
    let timeline = object
        .get("SecondaryStatusTransitions")
        .and_then(Value::as_array)
        .map(|steps| {
            steps
                .iter()
                .map(|step| Transition {
                    status: text_of(step.get("Status")),
                    started: step.get("StartTime").and_then(Value::as_f64).map(utc_time).unwrap_or_default(),
                    message: text_of(step.get("StatusMessage")),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Job {
        name,
        status,
        secondary: text_of(object.get("SecondaryStatus")),
        timeline,
        failure_reason: text_of(object.get("FailureReason")),
        billable_seconds: object.get("BillableTimeInSeconds").and_then(Value::as_u64),
        model_artifacts: text_of(object.get("ModelArtifacts").and_then(|m| m.get("S3ModelArtifacts"))),
        metrics: crate::core::watch::metrics::job_metrics(&value),
    })
}

/// `1764205323.5` (seconds since 1970, as the service sends times) -> `2025-11-27 01:02:03 UTC`.
pub fn utc_time(seconds: f64) -> String {
    let seconds = seconds.max(0.0) as i64;
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC", of_day / 3600, of_day / 60 % 60, of_day % 60)
}

/// `3725` -> `1 h 2 min 5 s`.
pub fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match (h, m) {
        (0, 0) => format!("{s} s"),
        (0, _) => format!("{m} min {s} s"),
        _ => format!("{h} h {m} min {s} s"),
    }
}

/// The body of a DescribeTrainingJob or StopTrainingJob call.
pub fn name_body(name: &str) -> String {
    json!({ "TrainingJobName": name }).to_string()
}

/// What the job list asks for: a name part, a status (empty: any), and the page after `next`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    /// Only jobs whose name contains this (empty: any).
    pub name_contains: String,
    /// Only jobs in this status (empty: any).
    pub status: String,
    /// The `NextToken` of the page before; empty for the first page.
    pub next: String,
}

/// How many jobs a page of the list holds.
pub const PAGE_SIZE: u32 = 20;

/// The body of a ListTrainingJobs call: newest first, a page at a time.
pub fn list_body(query: &ListQuery) -> String {
    let mut body = Map::new();
    body.insert("SortBy".into(), json!("CreationTime"));
    body.insert("SortOrder".into(), json!("Descending"));
    body.insert("MaxResults".into(), json!(PAGE_SIZE));
    for (key, value) in
        [("NameContains", &query.name_contains), ("StatusEquals", &query.status), ("NextToken", &query.next)]
    {
        if !value.trim().is_empty() {
            body.insert(key.into(), json!(value.trim()));
        }
    }
    Value::Object(body).to_string()
}

/// A job as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedJob {
    /// The job's name.
    pub name: String,
    /// Its status.
    pub status: String,
    /// When it was created, `2026-11-27 01:02:03 UTC`.
    pub created: String,
}

/// A page of the list: its jobs and the token of the next page (empty on the last).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListPage {
    /// The jobs on this page, newest first.
    pub jobs: Vec<ListedJob>,
    /// Where the next page starts; empty when this was the last.
    pub next: String,
}

/// Reads a ListTrainingJobs answer; entries without a name are skipped.
pub fn read_list(text: &str) -> Result<ListPage, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("The job list is not JSON ({e})."))?;
    let summaries = value
        .get("TrainingJobSummaries")
        .and_then(Value::as_array)
        .ok_or("The answer has no TrainingJobSummaries list.")?;
    let text_of = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    let mut jobs: Vec<ListedJob> = summaries
        .iter()
        .map(|s| ListedJob {
            name: text_of(s, "TrainingJobName"),
            status: text_of(s, "TrainingJobStatus"),
            created: s.get("CreationTime").and_then(Value::as_f64).map(utc_time).unwrap_or_default(),
        })
        .filter(|job| !job.name.is_empty())
        .collect();
    newest_first(&mut jobs);
    Ok(ListPage { jobs, next: text_of(&value, "NextToken") })
}

/// Puts `jobs` newest first, whatever order an endpoint gave them in (the app asks for that
/// order, but an endpoint may ignore `SortOrder`); jobs of unknown time go last.
pub fn newest_first(jobs: &mut [ListedJob]) {
    // `created` is written with fixed widths, so its text sorts as its time does.
    jobs.sort_by(|a, b| b.created.cmp(&a.created));
}

/// The request paths (behaviour §3 form) that a failure reason names: an S3 URI of a channel, the
/// output or the checkpoints, a channel by name, the role, the instance type or the image.
pub fn failure_paths(reason: &str, request: &Value) -> Vec<String> {
    let mut paths = Vec::new();
    let mut named = |path: String, value: Option<&str>, by: &dyn Fn(&str) -> bool| {
        if value.is_some_and(|v| !v.trim().is_empty() && by(v.trim())) && !paths.contains(&path) {
            paths.push(path);
        }
    };
    let mentions_uri = |uri: &str| {
        // The reason may name the URI itself or an object under it.
        let uri = uri.trim_end_matches('/');
        reason
            .match_indices(uri)
            .any(|(at, _)| reason[at + uri.len()..].chars().next().is_none_or(|c| c == '/' || !is_uri_char(c)))
    };
    let text = |pointer: &str| request.pointer(pointer).and_then(Value::as_str);
    if let Some(channels) = request.get("InputDataConfig").and_then(Value::as_array) {
        for (i, channel) in channels.iter().enumerate() {
            let uri = channel.pointer("/DataSource/S3DataSource/S3Uri").and_then(Value::as_str);
            named(child(&item("InputDataConfig", i), "DataSource.S3DataSource.S3Uri"), uri, &mentions_uri);
            let name = channel.get("ChannelName").and_then(Value::as_str);
            named(child(&item("InputDataConfig", i), "ChannelName"), name, &|name| {
                ["'", "\"", "channel "].iter().any(|quote| {
                    let close = if *quote == "channel " { "" } else { quote };
                    reason.contains(&format!("{quote}{name}{close}"))
                        && (close.is_empty() || reason.to_lowercase().contains("channel"))
                })
            });
        }
    }
    named("OutputDataConfig.S3OutputPath".into(), text("/OutputDataConfig/S3OutputPath"), &mentions_uri);
    named("CheckpointConfig.S3Uri".into(), text("/CheckpointConfig/S3Uri"), &mentions_uri);
    named("RoleArn".into(), text("/RoleArn"), &|arn| reason.contains(arn));
    named("ResourceConfig.InstanceType".into(), text("/ResourceConfig/InstanceType"), &|t| reason.contains(t));
    named("AlgorithmSpecification.TrainingImage".into(), text("/AlgorithmSpecification/TrainingImage"), &|image| {
        reason.contains(image) || image.split(':').next().is_some_and(|repository| reason.contains(repository))
    });
    paths
}

fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.~%+=".contains(c)
}

/// The job's page and its logs in the console of its region's partition.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsoleLinks {
    /// The job in the SageMaker console.
    pub job: String,
    /// Its log streams in CloudWatch Logs (`/aws/sagemaker/TrainingJobs`, streams named after it).
    pub logs: String,
}

/// Console links for a job, or `None` when the job was sent to a custom endpoint (a test stack or
/// a private copy of the service has no console).
pub fn console_links(region: &str, name: &str, custom_endpoint: bool) -> Option<ConsoleLinks> {
    if custom_endpoint {
        return None;
    }
    let host = super::regions::console_host(region);
    Some(ConsoleLinks {
        job: format!("https://{host}/sagemaker/home?region={region}#/jobs/{name}"),
        // The console's own escaping of "/aws/sagemaker/TrainingJobs?logStreamNameFilter=<name>".
        logs: format!(
            "https://{host}/cloudwatch/home?region={region}#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FTrainingJobs$3FlogStreamNameFilter$3D{name}"
        ),
    })
}

/// What `ResourceLimitExceeded` means and where to ask for more, for the failed call's region.
pub fn quota_explanation(region: &str) -> String {
    format!(
        "The account has reached a SageMaker quota in {region}: usually the number of instances of this type \
         that training jobs may use at once, or the number of jobs running. Wait for running jobs to end, choose \
         another instance type, or ask for more in the Service Quotas console (AWS services, Amazon SageMaker, \
         \"<instance type> for training job usage\")."
    )
}

/// The name proposed after a submit, since a job name can never be used again: `churn` ->
/// `churn-2`, `churn-2` -> `churn-3`, kept within the 63 characters a name may have.
pub fn next_job_name(name: &str) -> String {
    let (stem, number) = match name.rsplit_once('-') {
        Some((stem, n))
            if !stem.is_empty() && !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (stem, n.parse::<u32>().unwrap_or(1) + 1)
        }
        _ => (name, 2),
    };
    let suffix = format!("-{number}");
    let keep = 63usize.saturating_sub(suffix.len());
    let stem: String = stem.chars().take(keep).collect();
    format!("{}{suffix}", stem.trim_end_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_to_a_minute() {
        let delays: Vec<u32> = (0..7).map(|a| poll_delay_ms(a, 5000)).collect();
        assert_eq!(delays, [5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
        assert_eq!(poll_delay_ms(40, 5000), 60_000);
        assert_eq!(poll_delay_ms(3, 200), 1600);
    }

    #[test]
    fn times_are_utc() {
        assert_eq!(utc_time(0.0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_time(1_764_205_323.9), "2025-11-27 01:02:03 UTC");
        assert_eq!(utc_time(951_782_400.0), "2000-02-29 00:00:00 UTC");
        assert_eq!(duration(3725), "1 h 2 min 5 s");
        assert_eq!(duration(59), "59 s");
    }

    #[test]
    fn names_count_up() {
        assert_eq!(next_job_name("churn"), "churn-2");
        assert_eq!(next_job_name("churn-2"), "churn-3");
        assert_eq!(next_job_name("xgb-2026"), "xgb-2026-2");
        assert_eq!(next_job_name(&"a".repeat(63)).len(), 63);
        assert_eq!(next_job_name("-7"), "-7-2");
    }
}
