//! `tjs validate` as behaviour §8 specifies: output formats and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tjs(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tjs"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // tjs may exit before it reads (a bad argument), closing the pipe first.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_valid_file_exits_0() {
    let o = tjs(&["validate", "tests/fixtures/valid.json"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("no problems"));
}

#[test]
fn errors_exit_1_with_human_output() {
    let o = tjs(&["validate", "tests/fixtures/invalid.json"], None);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("error: TrainingJobName: Character"), "{out}");
    assert!(out.contains("Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"), "{out}");
    assert!(out.contains("ResourceConfig.InstanceType"), "{out}");
}

#[test]
fn json_output_lists_problems() {
    let o = tjs(&["validate", "-", "--format", "json"], Some(r#"{"TrainingJobName": "my_job"}"#));
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems[0]["path"], "TrainingJobName");
    assert_eq!(problems[0]["code"], "pattern");
    assert_eq!(problems[0]["severity"], "error");
    assert!(problems.iter().any(|p| p["path"] == "RoleArn" && p["code"] == "required"));
}

#[test]
fn unreadable_or_non_json_input_exits_2() {
    assert_eq!(tjs(&["validate", "no/such/file.json"], None).status.code(), Some(2));
    let o = tjs(&["validate", "-"], Some("{ nope"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("line 1, column 3"));
    assert_eq!(tjs(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn region_checks_use_the_given_region_or_the_images_own() {
    // The valid fixture's image is in us-east-1: fine there and with no region given.
    assert_eq!(tjs(&["validate", "tests/fixtures/valid.json"], None).status.code(), Some(0));
    let o = tjs(&["validate", "tests/fixtures/valid.json", "--region", "us-east-1"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = tjs(&["validate", "tests/fixtures/valid.json", "--region", "eu-west-1", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(1));
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(out["problems"][0]["code"], "algorithm.region", "{out}");
    assert_eq!(out["problems"][0]["path"], "AlgorithmSpecification.TrainingImage");
    // Algorithm findings come from the same engine: XGBoost without num_round.
    let body = std::fs::read_to_string("tests/fixtures/valid.json").unwrap().replace("\"num_round\": \"100\", ", "");
    let o = tjs(&["validate", "-"], Some(&body));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("XGBoost needs num_round (the number of boosting rounds), an integer of at least 1."),
        "{}",
        stdout(&o)
    );
    let o = tjs(&["validate", "tests/fixtures/valid.json", "--region", "mars-1"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_prints_the_format_and_its_notes_apart() {
    let o = tjs(&["export", "--to", "terraform", "--region", "eu-west-1", "tests/fixtures/valid.json"], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("resource \"aws_sagemaker_training_job\""), "{}", stdout(&o));
    assert!(stdout(&o).contains("region = \"eu-west-1\""));
    // What an export cannot carry goes to standard error, so that standard output is the file.
    let o = tjs(&["export", "--to", "ack", "-"], Some(r#"{"TrainingJobName": "j", "ServerlessJobConfig": {}}"#));
    assert_eq!(o.status.code(), Some(0));
    let notes = String::from_utf8_lossy(&o.stderr);
    assert!(
        notes.contains("tjs: note: The ACK controller's TrainingJob has no field for ServerlessJobConfig"),
        "{notes}"
    );
    assert!(notes.contains("the request has"), "{notes}");
    assert!(!stdout(&o).contains("ServerlessJobConfig"));
    for kind in ["cli", "cli-file", "boto3", "sdk", "pipeline", "sfn", "sfn-execution", "airflow", "ack", "terraform"] {
        let o = tjs(&["export", "--to", kind, "templates/xgboost-csv.json"], None);
        assert_eq!(o.status.code(), Some(0), "{kind}");
        assert!(!stdout(&o).is_empty(), "{kind}");
    }
}

#[test]
fn export_refuses_what_it_cannot_read() {
    assert_eq!(tjs(&["export", "--to", "nope", "tests/fixtures/valid.json"], None).status.code(), Some(2));
    assert_eq!(tjs(&["export", "tests/fixtures/valid.json"], None).status.code(), Some(2));
    assert_eq!(tjs(&["export", "--to", "sdk", "-"], Some("{ nope")).status.code(), Some(2));
    assert_eq!(tjs(&["export", "--to", "sdk", "--region", "mars-1", "-"], Some("{}")).status.code(), Some(2));
}

#[test]
fn schema_prints_a_json_schema() {
    let o = tjs(&["schema"], None);
    assert_eq!(o.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(schema["properties"]["ResourceConfig"]["properties"]["InstanceType"]["enum"].is_array());
}
