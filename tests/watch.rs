//! Watching the job run (behaviour §15), natively: the log's calls and answers, the lines merged
//! and cleaned, the rows drawn of a long log, and the charts' scales and ticks.

use serde_json::{json, Value};
use tjs::core::watch::chart::{format_value, nice_ticks, path, segments, time_ticks, value_domain, Placed, Scale};
use tjs::core::watch::logs::{
    as_file, clean_line, events_body, instance_of, merge, read_events, read_streams, rows_in_view, streams_body,
    Filter, Line, Read, LOG_GROUP,
};

fn line(time_ms: i64, instance: &str, text: &str) -> Line {
    Line { time_ms, instance: instance.into(), text: text.into() }
}

#[test]
fn the_streams_are_the_jobs_own_one_per_instance() {
    let body: Value = serde_json::from_str(&streams_body("my-job", None)).unwrap();
    assert_eq!(body, json!({ "logGroupName": LOG_GROUP, "logStreamNamePrefix": "my-job/" }));
    let body: Value = serde_json::from_str(&streams_body("my-job", Some("t2"))).unwrap();
    assert_eq!(body["nextToken"], "t2");
    let answer = json!({ "logStreams": [
        { "logStreamName": "my-job/algo-10-1700000000" },
        { "logStreamName": "my-job/algo-2-1700000000" },
        { "logStreamName": "my-job-2/algo-1-1700000000" },
        { "logStreamName": "my-job/algo-1-1700000000" }
    ], "nextToken": "more" });
    let page = read_streams("my-job", &answer.to_string()).unwrap();
    let instances: Vec<&str> = page.streams.iter().map(|s| s.instance.as_str()).collect();
    assert_eq!(instances, ["algo-1", "algo-2", "algo-10"], "another job's stream is left out, numbers sort as numbers");
    assert_eq!(page.next_token.as_deref(), Some("more"));
    assert_eq!(instance_of("my-job", "my-job/algo-1-1700000000"), "algo-1");
    assert_eq!(instance_of("my-job", "my-job/custom"), "custom");
    // Answers that are not what was asked give a message, never a panic.
    assert!(read_streams("j", "<html>502</html>").unwrap_err().contains("not JSON"));
    assert!(read_streams("j", "{}").unwrap_err().contains("logStreams"));
    assert_eq!(read_streams("j", r#"{"logStreams": []}"#).unwrap().streams, vec![]);
}

#[test]
fn reads_ask_for_the_newest_newer_or_older_lines() {
    let newest: Value = serde_json::from_str(&events_body("s", &Read::Newest)).unwrap();
    assert_eq!(newest["startFromHead"], false);
    assert!(newest.get("nextToken").is_none());
    let after: Value = serde_json::from_str(&events_body("s", &Read::After("f/1".into()))).unwrap();
    assert_eq!((after["nextToken"].as_str(), after["startFromHead"].as_bool()), (Some("f/1"), Some(true)));
    let before: Value = serde_json::from_str(&events_body("s", &Read::Before("b/1".into()))).unwrap();
    assert_eq!((before["nextToken"].as_str(), before["startFromHead"].as_bool()), (Some("b/1"), Some(false)));
    let answer = json!({ "events": [
        { "timestamp": 2000, "message": "\u{1b}[1;31mERROR\u{1b}[0m second\n" },
        { "timestamp": 1000, "message": "first" }
    ], "nextForwardToken": "f/2", "nextBackwardToken": "b/0" });
    let page = read_events("algo-1", &answer.to_string()).unwrap();
    assert_eq!(page.lines, vec![line(1000, "algo-1", "first"), line(2000, "algo-1", "ERROR second")]);
    assert_eq!((page.forward_token.as_deref(), page.backward_token.as_deref()), (Some("f/2"), Some("b/0")));
    assert!(read_events("a", "{\"events\": 3}").is_err());
}

#[test]
fn lines_are_cleaned_of_what_would_change_the_page() {
    assert_eq!(clean_line("\u{1b}[32m[INFO]\u{1b}[0m loss=0.5"), "[INFO] loss=0.5");
    assert_eq!(clean_line("\u{1b}]0;title\u{7}text"), "text");
    assert_eq!(clean_line("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"), "link");
    assert_eq!(clean_line("a\tb\r\n"), "a\tb");
    assert_eq!(clean_line("bell\u{7} nul\u{0}"), "bell\u{fffd} nul\u{fffd}");
    assert_eq!(clean_line("progress 50%\rprogress 100%"), "progress 50%\u{fffd}progress 100%");
    assert_eq!(clean_line("日本語 ✓"), "日本語 ✓");
    assert_eq!(clean_line("\u{1b}"), "");
    assert_eq!(clean_line("\u{1b}[31"), "");
}

#[test]
fn lines_from_every_instance_merge_in_time_order() {
    let mut lines = vec![line(1, "algo-1", "a"), line(5, "algo-1", "c")];
    merge(&mut lines, vec![line(3, "algo-2", "b"), line(7, "algo-2", "d")]);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["a", "b", "c", "d"]);
    // Lines with the same time keep the order they came in.
    merge(&mut lines, vec![line(7, "algo-1", "e"), line(7, "algo-1", "f")]);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["a", "b", "c", "d", "e", "f"]);
    assert!(Filter::new("train-rmse  epoch").keeps(&line(0, "algo-1", "Epoch 3 train-RMSE 0.5").text));
    assert!(!Filter::new("loss").keeps(&line(0, "algo-1", "Epoch 3").text));
    assert!(Filter::new("données").keeps("lecture des données"), "other letters are compared as they are");
    assert!(!Filter::new("a").keeps(""));
    assert_eq!(as_file(&lines[..1]), "1970-01-01 00:00:00 UTC algo-1 a\n");
}

#[test]
fn a_long_log_draws_only_the_rows_near_the_view() {
    assert_eq!(rows_in_view(100_000, 20.0, 0.0, 400.0, 10), 0..31);
    assert_eq!(rows_in_view(100_000, 20.0, 1_000_000.0, 400.0, 10), 49_990..50_031);
    assert_eq!(rows_in_view(100_000, 20.0, 2_000_000.0, 400.0, 10), 99_990..100_000);
    assert_eq!(rows_in_view(0, 20.0, 0.0, 400.0, 10), 0..0);
    assert_eq!(rows_in_view(5, 20.0, -50.0, 400.0, 10), 0..5);
}

#[test]
fn chart_scales_and_ticks_read_well() {
    assert_eq!(nice_ticks(0.0, 100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
    assert_eq!(nice_ticks(0.13, 0.92, 5), vec![0.2, 0.4, 0.6, 0.8]);
    assert_eq!(nice_ticks(3.0, 3.0, 5), vec![3.0]);
    assert!(nice_ticks(f64::NAN, 1.0, 5).is_empty());
    assert_eq!(value_domain(&[40.0, 55.0], true), (0.0, 60.0), "a use from 40% to 55% starts at 0");
    assert_eq!(value_domain(&[40.0, 55.0], false), (40.0, 55.0));
    assert_eq!(value_domain(&[0.52, 0.55], false), (0.52, 0.55));
    assert_eq!(value_domain(&[2.0], false), (1.8, 2.2), "one point gets room around it");
    assert_eq!(value_domain(&[], true), (0.0, 1.0));
    let ticks = time_ticks(1_700_000_000.0, 1_700_003_600.0, 6);
    assert_eq!(ticks.first().map(|t| t.1.as_str()), Some("22:20"));
    assert!(ticks.windows(2).all(|w| w[1].0 - w[0].0 == 600.0));
    assert_eq!(time_ticks(1_700_000_000.0, 1_700_000_030.0, 6)[0].1, "22:13:20");
    let scale = Scale { domain: (0.0, 10.0), range: (100.0, 0.0) };
    assert_eq!((scale.at(0.0), scale.at(10.0), scale.at(2.5)), (100.0, 0.0, 75.0));
    assert_eq!(scale.value_at(75.0), 2.5);
    assert_eq!(Scale { domain: (1.0, 1.0), range: (0.0, 10.0) }.at(1.0), 5.0);
    assert_eq!(format_value(0.042_13), "0.0421");
    assert_eq!(format_value(12.5), "12.5");
    assert_eq!(format_value(1234.0), "1,234");
    assert_eq!(format_value(-1_234_567.0), "-1,234,567");
    assert_eq!(format_value(3.2e-7), "3.20e-7");
}

#[test]
fn a_series_with_gaps_is_drawn_in_pieces() {
    let at = |x: f64| Placed { x, y: 1.0, px: x, py: 1.0 };
    let points = [at(0.0), at(60.0), at(120.0), at(600.0), at(660.0)];
    let pieces = segments(&points, 180.0);
    assert_eq!(pieces.len(), 2);
    assert_eq!(pieces[1].len(), 2);
    assert_eq!(path(pieces[1]), "M600.0 1.0 L660.0 1.0");
    assert_eq!(segments(&[at(5.0)], 180.0).len(), 1, "one point is a piece of its own");
    assert!(segments(&[], 180.0).is_empty());
}

mod metrics {
    use serde_json::{json, Value};
    use tjs::core::watch::metrics::{
        merge_series, metric_data_body, queries, read_job_metrics, read_metric_data, Series, INSTANCE_METRICS,
        NAMESPACE,
    };
    use tjs::core::watch::missing_permission;

    #[test]
    fn queries_ask_for_each_algorithm_metric_and_each_instances_use() {
        let asked = queries(&["validation:rmse".into()], &["algo-1".into(), "algo-2".into()]);
        assert_eq!(asked.len(), 1 + INSTANCE_METRICS.len() * 2);
        assert_eq!((asked[0].id.as_str(), asked[0].instance.as_ref()), ("m0", None));
        assert_eq!(asked[1].instance.as_deref(), Some("algo-1"));
        let body: Value =
            serde_json::from_str(&metric_data_body("my-job", &asked[..2], 1_000_030, 1_000_500, 60, None)).unwrap();
        assert_eq!(body["StartTime"], 1_000_020, "on a whole period");
        assert_eq!(body["EndTime"], 1_000_560, "the minute under way included");
        assert_eq!(body["ScanBy"], "TimestampAscending");
        let algorithm = &body["MetricDataQueries"][0]["MetricStat"];
        assert_eq!(algorithm["Metric"]["Namespace"], NAMESPACE);
        assert_eq!(algorithm["Metric"]["Dimensions"], json!([{ "Name": "TrainingJobName", "Value": "my-job" }]));
        let instance = &body["MetricDataQueries"][1]["MetricStat"]["Metric"];
        assert_eq!(instance["MetricName"], "CPUUtilization");
        assert_eq!(instance["Dimensions"], json!([{ "Name": "Host", "Value": "my-job/algo-1" }]));
        let many: Vec<String> = (0..200).map(|i| format!("m{i}")).collect();
        assert_eq!(
            queries(
                &many,
                &[
                    "algo-1".into(),
                    "algo-2".into(),
                    "algo-3".into(),
                    "algo-4".into(),
                    "algo-5".into(),
                    "algo-6".into(),
                    "algo-7".into()
                ]
            )
            .len(),
            200 + 5 * 7
        );
        assert_eq!(queries(&many, &(1..=100).map(|n| format!("algo-{n}")).collect::<Vec<_>>()).len(), 500);
    }

    #[test]
    fn answers_become_series_in_time_order_without_gaps_filled() {
        let asked = queries(&["train:loss".into()], &["algo-1".into()]);
        let answer = json!({ "MetricDataResults": [
            { "Id": "m0", "Timestamps": [180, 60, 120], "Values": [0.2, 0.9, 0.5], "StatusCode": "Complete" },
            { "Id": "m1", "Timestamps": [60], "Values": [41.5] },
            { "Id": "unknown", "Timestamps": [60], "Values": [1] }
        ], "NextToken": "next" });
        let page = read_metric_data(&answer.to_string(), &asked).unwrap();
        assert_eq!(page.series.len(), 2);
        assert_eq!(page.series[0].points, vec![(60.0, 0.9), (120.0, 0.5), (180.0, 0.2)]);
        assert_eq!(page.series[1].instance.as_deref(), Some("algo-1"));
        assert_eq!(page.next_token.as_deref(), Some("next"));
        let mut all = page.series;
        merge_series(
            &mut all,
            vec![Series { metric: "train:loss".into(), instance: None, points: vec![(240.0, 0.1), (180.0, 0.2)] }],
        );
        assert_eq!(all[0].points.len(), 4);
        assert!(read_metric_data("<html>", &asked).unwrap_err().contains("not JSON"));
        assert!(read_metric_data("{}", &asked).is_err());
        let mismatched = json!({ "MetricDataResults": [{ "Id": "m0", "Timestamps": [60, 120], "Values": [1.0] }] });
        assert_eq!(read_metric_data(&mismatched.to_string(), &asked).unwrap().series[0].points, vec![(60.0, 1.0)]);
    }

    #[test]
    fn the_job_says_its_metrics_instances_and_final_values() {
        let described = json!({
            "AlgorithmSpecification": { "MetricDefinitions": [{ "Name": "validation:rmse", "Regex": "x" }] },
            "ResourceConfig": { "InstanceGroups": [{ "InstanceCount": 2 }, { "InstanceCount": 1 }] },
            "FinalMetricDataList": [{ "MetricName": "validation:rmse", "Value": 0.25, "Timestamp": 1 }],
            "TrainingStartTime": 100.5
        });
        let job = read_job_metrics(&described.to_string()).unwrap();
        assert_eq!(job.algorithm_metrics, ["validation:rmse"]);
        assert_eq!(job.instances, ["algo-1", "algo-2", "algo-3"]);
        assert_eq!(job.final_metrics, vec![("validation:rmse".to_string(), 0.25)]);
        assert_eq!((job.started, job.ended), (Some(100.5), None));
        assert_eq!(read_job_metrics("{}").unwrap().instances, ["algo-1"]);
    }

    #[test]
    fn a_refusal_names_the_permission_to_ask_for() {
        let moto = "<ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/u is not authorized to perform: monitoring:GetMetricData</Message></Error></Errors></ErrorResponse>";
        assert_eq!(missing_permission(403, moto).as_deref(), Some("cloudwatch:GetMetricData"));
        let logs = r#"{"__type":"AccessDeniedException","message":"User: arn:aws:iam::1:user/u is not authorized to perform: logs:GetLogEvents on resource: arn:aws:logs:us-east-1:1:log-group:/aws/sagemaker/TrainingJobs:log-stream:j/algo-1"}"#;
        assert_eq!(missing_permission(400, logs).as_deref(), Some("logs:GetLogEvents"));
        assert_eq!(missing_permission(400, r#"{"__type":"ResourceNotFoundException"}"#), None);
        assert_eq!(missing_permission(403, "<html>Forbidden</html>"), None);
    }
}

#[test]
fn the_log_follows_every_stream_forward_and_back() {
    use tjs::core::watch::logs::{EventPage, Log, Stream, StreamPage};
    let stream = |n: &str| Stream { name: format!("j/{n}-1"), instance: n.into() };
    let mut log = Log::default();
    log.add_streams(StreamPage { streams: vec![stream("algo-2"), stream("algo-1")], next_token: None });
    log.add_streams(StreamPage { streams: vec![stream("algo-1")], next_token: None });
    assert_eq!(log.streams.len(), 2);
    let reads = log.newer_reads();
    assert_eq!((reads[0].1.as_str(), &reads[0].2), ("algo-1", &Read::Newest));
    let page = |lines: Vec<Line>, f: &str, b: &str| EventPage {
        lines,
        forward_token: Some(f.into()),
        backward_token: Some(b.into()),
    };
    assert!(log.take("j/algo-1-1", &Read::Newest, page(vec![line(10, "algo-1", "a")], "f1", "b1")));
    assert!(!log.take("j/algo-2-1", &Read::Newest, page(vec![], "f0", "b0")));
    assert_eq!(log.newer_reads()[0].2, Read::After("f1".into()));
    assert_eq!(log.older_reads().len(), 1, "a stream with no lines has nothing older");
    // Nothing new: the same token back.
    assert!(!log.take("j/algo-1-1", &Read::After("f1".into()), page(vec![], "f1", "b1")));
    assert!(log.take("j/algo-2-1", &Read::After("f0".into()), page(vec![line(5, "algo-2", "b")], "f2", "b2")));
    assert_eq!(log.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["b", "a"]);
    // Older lines, until the start of the stream gives its own token back.
    let older = log.older_reads();
    assert!(log.take("j/algo-1-1", &Read::Before("b1".into()), page(vec![line(1, "algo-1", "old")], "f9", "b0")));
    assert_eq!(log.lines[0].text, "old");
    // A second read from the same token (a quick second click), answered later, is dropped.
    assert_eq!(older[0].2, Read::Before("b1".into()));
    assert!(!log.take("j/algo-1-1", &older[0].2, page(vec![line(1, "algo-1", "old")], "f9", "b0")));
    assert!(!log.take("j/algo-2-1", &Read::Newest, page(vec![line(7, "algo-2", "again")], "f7", "b7")));
    assert!(!log.take("j/algo-2-1", &Read::After("f0".into()), page(vec![line(5, "algo-2", "b")], "f2", "b2")));
    assert_eq!(log.lines.len(), 3, "no line taken twice");
    assert!(log.has_older());
    assert!(!log.take("j/algo-1-1", &Read::Before("b0".into()), page(vec![], "f9", "b0")));
    assert!(!log.has_older());
    assert!(!log.take("unknown", &Read::Newest, page(vec![line(1, "x", "y")], "f", "b")));
}

mod charts {
    use tjs::core::jobs::read_job;
    use tjs::core::watch::chart::{lay_out, reading_at, summary};
    use tjs::core::watch::metrics::{charts, percent_of, period_for, Series};

    fn series(metric: &str, instance: Option<&str>, points: &[(f64, f64)]) -> Series {
        Series { metric: metric.into(), instance: instance.map(str::to_string), points: points.to_vec() }
    }

    #[test]
    fn algorithm_metrics_are_charted_first_and_instance_use_only_where_written() {
        let written = [
            series("CPUUtilization", Some("algo-1"), &[(60.0, 40.0)]),
            series("GPUUtilization", Some("algo-1"), &[]),
            series("train:rmse", None, &[(60.0, 0.9)]),
            series("CPUUtilization", Some("algo-2"), &[(60.0, 50.0)]),
        ];
        let drawn = charts(&["validation:rmse".into(), "train:rmse".into()], &written);
        let names: Vec<&str> = drawn.iter().map(|c| c.metric.as_str()).collect();
        assert_eq!(
            names,
            ["validation:rmse", "train:rmse", "CPUUtilization"],
            "no GPU chart for an instance without GPUs"
        );
        assert!(drawn[0].series.is_empty(), "an algorithm metric without points yet still has its chart");
        assert_eq!(drawn[2].series.len(), 2);
        assert!(drawn[2].percent && !drawn[1].percent);
        assert_eq!(percent_of("CPUUtilization"), "% summed over CPU cores", "four busy cores read 400%");
        assert_eq!(percent_of("MemoryUtilization"), "%");
    }

    #[test]
    fn a_chart_places_points_on_its_axes_and_breaks_lines_at_gaps() {
        let one = series("CPUUtilization", Some("algo-1"), &[(0.0, 50.0), (60.0, 100.0), (600.0, 0.0)]);
        let layout = lay_out(&[&one], (0.0, 600.0), (656.0, 234.0), true, 60.0);
        assert_eq!(layout.plot, (56.0, 10.0, 642.0, 210.0));
        let placed = &layout.lines[0].points;
        assert_eq!((placed[0].px, placed[0].py), (56.0, 110.0), "50% is half way up a 0-100% axis");
        assert_eq!((placed[2].px, placed[2].py), (642.0, 210.0));
        assert_eq!(layout.lines[0].paths.len(), 2, "nine minutes without a point break the line");
        assert_eq!(layout.y_ticks.first().map(|t| t.1.as_str()), Some("0%"));
        assert_eq!(layout.y_ticks.last().map(|t| t.1.as_str()), Some("100%"));
        assert_eq!(layout.x_ticks.first().map(|t| (t.0, t.1.as_str())), Some((56.0, "00:00")));
        // The pointer reads the points of the nearest time, in every series.
        let two = series("CPUUtilization", Some("algo-2"), &[(60.0, 20.0)]);
        let both = lay_out(&[&one, &two], (0.0, 600.0), (656.0, 234.0), true, 60.0);
        let reading = reading_at(&both, 120.0).unwrap();
        assert_eq!(reading.time, 60.0);
        assert_eq!(reading.values, vec![(Some("algo-1".into()), 100.0), (Some("algo-2".into()), 20.0)]);
        assert_eq!(reading_at(&lay_out(&[], (0.0, 1.0), (300.0, 200.0), false, 60.0), 10.0), None);
    }

    #[test]
    fn one_point_or_none_still_makes_a_sensible_chart() {
        let single = series("train:loss", None, &[(120.0, 0.5)]);
        let layout = lay_out(&[&single], (120.0, 120.0), (300.0, 200.0), false, 60.0);
        let p = layout.lines[0].points[0];
        assert!(p.px.is_finite() && p.py > layout.plot.1 && p.py < layout.plot.3, "{p:?}");
        assert_eq!(layout.lines[0].paths, ["M171.0 93.0"], "in the middle of the plot");
        assert!(!layout.y_ticks.is_empty());
        assert_eq!(summary("train:loss", &[], false), "train:loss: no points yet.");
        let text =
            summary("CPUUtilization", &[&series("CPUUtilization", Some("algo-2"), &[(0.0, 40.0), (60.0, 55.0)])], true);
        assert!(text.contains("algo-2: 2 points, first 40%, last 55%, lowest 40%, highest 55%."), "{text}");
    }

    #[test]
    fn the_period_grows_with_the_job_in_whole_minutes() {
        assert_eq!(period_for(0.0, 60.0), 60);
        assert_eq!(period_for(0.0, 6.0 * 3600.0), 60);
        assert_eq!(period_for(0.0, 6.0 * 3600.0 + 1.0), 120);
        assert_eq!(period_for(10.0, 0.0), 60, "an end before the start is a short job, not a panic");
        assert_eq!(period_for(0.0, f64::INFINITY), 60);
    }

    #[test]
    fn a_described_job_carries_what_its_charts_need() {
        let job = read_job(
            r#"{"TrainingJobName": "j", "TrainingJobStatus": "InProgress", "CreationTime": 50,
                "AlgorithmSpecification": {"MetricDefinitions": [{"Name": "train:loss", "Regex": "x"}]}}"#,
        )
        .unwrap();
        assert_eq!(job.metrics.algorithm_metrics, ["train:loss"]);
        assert_eq!(job.metrics.started, Some(50.0), "before training starts, the job's creation");
    }
}
