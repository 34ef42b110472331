//! The job's metrics (behaviour §15): which series to ask CloudWatch for, the GetMetricData body
//! (AWS JSON 1.0, which CloudWatch and the local stack both answer), its answer read into series,
//! and the final metrics of DescribeTrainingJob.
//!
//! SageMaker writes, in namespace `/aws/sagemaker/TrainingJobs`, the instances' use
//! (`CPUUtilization`, ...) per instance with dimension `Host` = `<job>/algo-<n>`, and the
//! algorithm's metrics (the job's `MetricDefinitions`, filled in by SageMaker for a built-in
//! algorithm) with dimension `TrainingJobName` = the job.

use serde_json::{json, Value};

/// Where SageMaker writes training jobs' metrics.
pub const NAMESPACE: &str = "/aws/sagemaker/TrainingJobs";

/// The instances' use, each in percent (summed over cores or GPUs, so it may pass 100).
pub const INSTANCE_METRICS: [&str; 5] =
    ["CPUUtilization", "MemoryUtilization", "GPUUtilization", "GPUMemoryUtilization", "DiskUtilization"];

/// What an instance metric's percent is of: SageMaker sums the use of each core or GPU (0-100
/// each), so four cores at full use read 400%.
pub fn percent_of(metric: &str) -> &'static str {
    match metric {
        "CPUUtilization" => "% summed over CPU cores",
        "GPUUtilization" | "GPUMemoryUtilization" => "% summed over GPUs",
        _ => "%",
    }
}

/// How many queries one GetMetricData call may carry.
pub const MAX_QUERIES: usize = 500;

/// One series asked for: a metric, of one instance (`Some("algo-1")`) or of the job.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The query's id in the call (`m0`, `m1`, ...; CloudWatch wants a lower-case letter first).
    pub id: String,
    /// The metric's name.
    pub metric: String,
    /// The instance, for the instances' use; `None` for an algorithm metric.
    pub instance: Option<String>,
}

/// The queries for `job`'s charts: each algorithm metric, then each instance metric of each
/// instance, at most [`MAX_QUERIES`].
pub fn queries(algorithm_metrics: &[String], instances: &[String]) -> Vec<Query> {
    let algorithm = algorithm_metrics.iter().map(|m| (m.clone(), None));
    let instance =
        INSTANCE_METRICS.iter().flat_map(|m| instances.iter().map(move |i| (m.to_string(), Some(i.clone()))));
    algorithm
        .chain(instance)
        .take(MAX_QUERIES)
        .enumerate()
        .map(|(n, (metric, instance))| Query { id: format!("m{n}"), metric, instance })
        .collect()
}

/// The body of GetMetricData for `queries` of `job` from `start` to `end` (seconds since 1970),
/// averaged over `period` seconds; both ends on a whole period, so that every answer's points
/// fall on the same times. `next_token` asks for the rest of a long answer.
pub fn metric_data_body(
    job: &str,
    queries: &[Query],
    start: i64,
    end: i64,
    period: i64,
    next_token: Option<&str>,
) -> String {
    let period = period.max(60);
    let floor = |t: i64| t.div_euclid(period) * period;
    let queries: Vec<Value> = queries
        .iter()
        .map(|q| {
            let dimension = match &q.instance {
                Some(instance) => json!({ "Name": "Host", "Value": format!("{job}/{instance}") }),
                None => json!({ "Name": "TrainingJobName", "Value": job }),
            };
            json!({
                "Id": q.id,
                "MetricStat": {
                    "Metric": { "Namespace": NAMESPACE, "MetricName": q.metric, "Dimensions": [dimension] },
                    "Period": period,
                    "Stat": "Average"
                },
                "ReturnData": true
            })
        })
        .collect();
    let mut body = json!({
        "MetricDataQueries": queries,
        "StartTime": floor(start),
        "EndTime": floor(end) + period,
        "ScanBy": "TimestampAscending"
    });
    if let Some(token) = next_token {
        body["NextToken"] = json!(token);
    }
    body.to_string()
}

/// One series' points, oldest first: (seconds since 1970, value).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The metric's name.
    pub metric: String,
    /// The instance, or `None` for the job's own (algorithm) metric.
    pub instance: Option<String>,
    /// The points, oldest first, without values that are not numbers.
    pub points: Vec<(f64, f64)>,
}

/// A GetMetricData answer read: points for each query it answered, and the token of the rest.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetricPage {
    /// One per query that has points.
    pub series: Vec<Series>,
    /// Set when the answer continues.
    pub next_token: Option<String>,
}

/// Reads a GetMetricData answer to `queries`.
pub fn read_metric_data(text: &str, queries: &[Query]) -> Result<MetricPage, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("The metrics are not JSON ({e})."))?;
    let results = value
        .get("MetricDataResults")
        .and_then(Value::as_array)
        .ok_or("The answer has no metric results (MetricDataResults).")?;
    let mut series = Vec::new();
    for result in results {
        let Some(query) = result.get("Id").and_then(Value::as_str).and_then(|id| queries.iter().find(|q| q.id == id))
        else {
            continue;
        };
        let numbers = |key: &str| -> Vec<Option<f64>> {
            result.get(key).and_then(Value::as_array).map(|a| a.iter().map(Value::as_f64).collect()).unwrap_or_default()
        };
        let mut points: Vec<(f64, f64)> = numbers("Timestamps")
            .into_iter()
            .zip(numbers("Values"))
            .filter_map(|(t, v)| Some((t?, v?)))
            .filter(|(t, v)| t.is_finite() && v.is_finite())
            .collect();
        in_time_order(&mut points);
        series.push(Series { metric: query.metric.clone(), instance: query.instance.clone(), points });
    }
    Ok(MetricPage { series, next_token: value.get("NextToken").and_then(Value::as_str).map(str::to_string) })
}

/// Sorts points by time (one sort for every caller: each instance of a sort costs the module
/// that draws charts a few kilobytes).
fn in_time_order(points: &mut [(f64, f64)]) {
    points.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
}

/// Adds a later page's points to the series read so far.
pub fn merge_series(into: &mut Vec<Series>, page: Vec<Series>) {
    for new in page {
        match into.iter_mut().find(|s| s.metric == new.metric && s.instance == new.instance) {
            Some(old) => {
                old.points.extend(new.points);
                in_time_order(&mut old.points);
                old.points.dedup_by(|a, b| a.0 == b.0);
            }
            None => into.push(new),
        }
    }
}

/// What DescribeTrainingJob says about the job's metrics and instances.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JobMetrics {
    /// The names in `AlgorithmSpecification.MetricDefinitions` (SageMaker fills them in for a
    /// built-in algorithm).
    pub algorithm_metrics: Vec<String>,
    /// `algo-1` ... one per instance of the job (all instance groups together).
    pub instances: Vec<String>,
    /// `FinalMetricDataList`: each metric's last value.
    pub final_metrics: Vec<(String, f64)>,
    /// When training started and ended (seconds since 1970), where given.
    pub started: Option<f64>,
    /// When it ended; `None` while it runs.
    pub ended: Option<f64>,
}

/// Reads what the charts need from a DescribeTrainingJob answer.
pub fn read_job_metrics(text: &str) -> Result<JobMetrics, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("The job's description is not JSON ({e})."))?;
    Ok(job_metrics(&value))
}

/// What the charts need from a DescribeTrainingJob answer already parsed (`core::jobs::read_job`
/// reads it with the rest of the job).
pub fn job_metrics(value: &Value) -> JobMetrics {
    let names = |list: Option<&Value>, key: &str| -> Vec<String> {
        list.and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|d| d.get(key).and_then(Value::as_str)).map(str::to_string).collect())
            .unwrap_or_default()
    };
    let algorithm_metrics = names(value.pointer("/AlgorithmSpecification/MetricDefinitions"), "Name");
    let resources = value.get("ResourceConfig");
    let count = |v: Option<&Value>| v.and_then(|c| c.get("InstanceCount")).and_then(Value::as_u64).unwrap_or(0);
    let groups: u64 = resources
        .and_then(|r| r.get("InstanceGroups"))
        .and_then(Value::as_array)
        .map(|g| g.iter().map(|g| count(Some(g))).sum())
        .unwrap_or(0);
    let total = (count(resources) + groups).clamp(1, 1000);
    let final_metrics = value
        .get("FinalMetricDataList")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|m| Some((m.get("MetricName")?.as_str()?.to_string(), m.get("Value")?.as_f64()?)))
                .collect()
        })
        .unwrap_or_default();
    let time = |key: &str| value.get(key).and_then(Value::as_f64).filter(|t| t.is_finite());
    JobMetrics {
        algorithm_metrics,
        instances: (1..=total).map(|n| format!("algo-{n}")).collect(),
        final_metrics,
        // Before training starts, the job's creation bounds its metrics.
        started: time("TrainingStartTime").or_else(|| time("CreationTime")),
        ended: time("TrainingEndTime"),
    }
}

/// Most points a chart's series gets: the period grows with the job so that a long job's chart
/// stays light to fetch and to draw.
pub const MAX_POINTS: i64 = 360;

/// The period (seconds) to ask for over `start..end`: a whole number of minutes (CloudWatch keeps
/// SageMaker's metrics a minute apart), at least one, and long enough for [`MAX_POINTS`].
///
/// ```
/// use tjs::core::watch::metrics::period_for;
/// assert_eq!(period_for(0.0, 600.0), 60);
/// assert_eq!(period_for(0.0, 48.0 * 3600.0), 480);
/// ```
pub fn period_for(start: f64, end: f64) -> i64 {
    let span = if end > start && (end - start).is_finite() { end - start } else { 0.0 };
    let minutes = (span / 60.0 / MAX_POINTS as f64).ceil().max(1.0) as i64;
    minutes * 60
}

/// One chart: a metric and its series (one per instance, or the job's own).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec<'a> {
    /// The metric's name.
    pub metric: String,
    /// Whether it is an instance's use, in percent.
    pub percent: bool,
    /// Its series, in instance order.
    pub series: Vec<&'a Series>,
}

/// The charts to draw: each algorithm metric (even before it has points, so the user sees it is
/// expected), then each instance metric that has points (an instance without GPUs writes none).
pub fn charts<'a>(algorithm_metrics: &[String], series: &'a [Series]) -> Vec<ChartSpec<'a>> {
    let of = |metric: &str, instance: bool| -> Vec<&'a Series> {
        series.iter().filter(|s| s.metric == metric && s.instance.is_some() == instance).collect()
    };
    let algorithm =
        algorithm_metrics.iter().map(|m| ChartSpec { metric: m.clone(), percent: false, series: of(m, false) });
    let instance = INSTANCE_METRICS
        .iter()
        .map(|m| ChartSpec { metric: m.to_string(), percent: true, series: of(m, true) })
        .filter(|c| c.series.iter().any(|s| !s.points.is_empty()));
    algorithm.chain(instance).collect()
}
