//! Property tests over random requests, shaped by the catalogue but with wrong types, unknown
//! members, odd text and odd numbers mixed in: import, export, validation and signing never
//! panic, and export(import(x)) == x for any JSON object x.
//!
//! A small seeded generator instead of a property-testing crate: runs are repeatable (the seed
//! is in the failure message) and the native test build stays small.

use serde_json::{json, Map, Value};
use tjs::core::catalogue::{self, Kind, ShapeId};
use tjs::core::draft::Draft;
use tjs::core::json::pretty;
use tjs::core::path::FormPath;
use tjs::core::validate::{validate, validate_export, Revalidator};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const TEXTS: &[&str] = &[
    "",
    " ",
    "a",
    "my-job",
    "my_job",
    "s3://bucket/key",
    "s3://s3://x",
    "arn:aws:iam::123456789012:role/R",
    "File",
    "file",
    "ml.m5.xlarge",
    "名前",
    "e\u{301}",
    "\u{0}",
    "line\nbreak",
    "-",
    "AKIAIOSFODNN7EXAMPLE",
    "null",
    "12a",
    "1e3",
];

fn text(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => "x".repeat(rng.below(3000)),
        1 => (0..rng.below(20)).map(|_| char::from_u32(rng.below(0x3000) as u32).unwrap_or('?')).collect(),
        _ => TEXTS[rng.below(TEXTS.len())].to_string(),
    }
}

fn wrong_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(7) {
        0 => Value::Null,
        1 => json!(rng.chance(50)),
        2 => json!(rng.next() as i64),
        3 => json!(rng.next() as f64 / 7.0),
        4 => json!(u64::MAX),
        5 if depth < 6 => json!([wrong_value(rng, depth + 1)]),
        _ => json!(text(rng)),
    }
}

fn value_for(id: ShapeId, rng: &mut Rng, depth: usize) -> Value {
    if rng.chance(8) || depth > 12 {
        return wrong_value(rng, depth);
    }
    let shape = catalogue::shape(id);
    match shape.kind {
        Kind::String if !shape.enum_values.is_empty() && rng.chance(60) => {
            json!(shape.enum_values[rng.below(shape.enum_values.len())])
        }
        Kind::String => json!(text(rng)),
        Kind::Integer | Kind::Long => {
            json!([-1i64, 0, 1, 7, 100, 2_419_201, i64::MAX, i64::MIN][rng.below(8)])
        }
        Kind::Boolean => json!(rng.chance(50)),
        Kind::Structure(members) => {
            let mut object = Map::new();
            for member in members.iter() {
                if rng.chance(35) {
                    object.insert(member.name.to_string(), value_for(member.shape, rng, depth + 1));
                }
            }
            if rng.chance(5) {
                object.insert(text(rng), wrong_value(rng, depth));
            }
            Value::Object(object)
        }
        Kind::List(item) => Value::Array((0..rng.below(4)).map(|_| value_for(item, rng, depth + 1)).collect()),
        Kind::Map(_, value) => {
            Value::Object((0..rng.below(4)).map(|_| (text(rng), value_for(value, rng, depth + 1))).collect())
        }
    }
}

/// Equal, except that a number with a fraction may differ in its last binary digit: the request
/// has no such members (a fraction is always an invalid value), and JSON is read without
/// serde_json's float_roundtrip to keep the first load small (Cargo.toml).
fn same_up_to_the_last_digit_of_fractions(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() && y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= f64::EPSILON * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_up_to_the_last_digit_of_fractions(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|((kx, x), (ky, y))| kx == ky && same_up_to_the_last_digit_of_fractions(x, y))
        }
        _ => a == b,
    }
}

#[test]
fn random_requests_round_trip_and_never_panic() {
    for seed in 1..=1500u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let request = value_for(catalogue::ROOT, &mut rng, 0);
        let Value::Object(_) = request else { continue };
        let draft = Draft::import(&pretty(&request)).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let (body, paths) = draft.export();
        assert!(same_up_to_the_last_digit_of_fractions(&body, &request), "seed {seed}:\n{body}\n{request}");
        for problem in validate(&body) {
            let _ = paths.form_path(&problem.path);
            assert!(!problem.message.is_empty(), "seed {seed}");
        }
    }
}

#[test]
fn random_edits_never_panic() {
    let paths: Vec<FormPath> = {
        let mut out = Vec::new();
        fn walk(id: ShapeId, path: FormPath, out: &mut Vec<FormPath>) {
            for m in catalogue::shape(id).members() {
                let p = path.child(m.name);
                out.push(p.clone());
                match catalogue::shape(m.shape).kind {
                    Kind::Structure(_) => walk(m.shape, p, out),
                    Kind::List(item) => {
                        out.push(p.item(1));
                        walk(item, p.item(0), out)
                    }
                    Kind::Map(..) => out.push(p.item(0)),
                    _ => {}
                }
            }
        }
        walk(catalogue::ROOT, FormPath::default(), &mut out);
        out
    };
    for seed in 1..=300u64 {
        let mut rng = Rng(seed | 1);
        let mut draft = Draft::from_value(&value_for(catalogue::ROOT, &mut rng, 0));
        // The form's incremental checker must always agree with a full check.
        let mut checker = Revalidator::default();
        for _ in 0..30 {
            let path = &paths[rng.below(paths.len())];
            match rng.below(6) {
                0 => {
                    draft.push(path);
                }
                1 => {
                    let ids = draft.ids(path);
                    if let Some(id) = ids.first() {
                        draft.remove(path, *id);
                    }
                }
                2 => {
                    if let Some(id) = draft.ids(path).last() {
                        draft.shift(path, *id, -1);
                    }
                }
                3 => draft.set_key(path, 0, text(&mut rng)),
                _ => draft.set_text(path, text(&mut rng)),
            }
            let (body, map) = draft.export();
            assert_eq!(checker.run(&body, &map), validate_export(&body, &map), "seed {seed}");
        }
    }
}

#[test]
fn hostile_json_is_refused_or_handled() {
    assert!(Draft::import(&format!("{}1{}", "[".repeat(200_000), "]".repeat(200_000))).is_err());
    assert!(Draft::import(&format!("{{\"Tags\":{}1{}}}", "[".repeat(10_000), "]".repeat(10_000))).is_err());
    let huge = json!({ "TrainingJobName": "x".repeat(5_000_000), "RoleArn": "é".repeat(1_000_000),
                       "HyperParameters": { "k": "v".repeat(1_000_000) } });
    let problems = validate(&Draft::import(&huge.to_string()).unwrap().body());
    assert!(problems.iter().any(|p| p.path == "TrainingJobName" && p.code == "length.max"));
    for text in ["", "null", "1", "\"x\"", "{", "}", "{\"a\":}", "\u{feff}{}", "{\"TrainingJobName\": \"\\ud800\"}"] {
        let _ = Draft::import(text);
    }
}

#[test]
fn signing_takes_any_input() {
    use std::time::{Duration, UNIX_EPOCH};
    use tjs::core::sign::{sign_request, Keys};
    let mut rng = Rng(42);
    for _ in 0..300 {
        let keys =
            Keys { access_key_id: text(&mut rng), secret_access_key: text(&mut rng), session_token: text(&mut rng) };
        let endpoint = ["https://", "http://h", "https://h/p?q", "https://[::1]:1/", "x", "https://h/\u{1F600}"]
            [rng.below(6)]
        .to_string()
            + &text(&mut rng);
        let _ = sign_request(
            &endpoint,
            &text(&mut rng),
            &keys,
            ["SageMaker.ListTrainingJobs", "SageMaker.X", ""][rng.below(3)],
            &text(&mut rng),
            UNIX_EPOCH + Duration::from_secs(rng.next() % 4_000_000_000),
        );
        // The service worker's message handler takes any text, JSON or not.
        let job = serde_json::json!({"endpoint": endpoint, "region": text(&mut rng), "keys": {
            "access_key_id": keys.access_key_id, "secret_access_key": keys.secret_access_key,
            "session_token": keys.session_token}, "target": text(&mut rng), "body": text(&mut rng), "time_ms": rng.next()});
        let message = if rng.chance(30) { text(&mut rng) } else { format!("{} sign\n{job}", rng.next() % 1000) };
        let answered = tjs::core::protocol::service::answer(&message);
        assert!(tjs::core::protocol::service::Answer::decode(&answered).is_some(), "{answered}");
    }
}

/// behaviour §10: any image, hyperparameters, instances and channels get findings or none, never a
/// panic, in the checks and in the worker's answer. Random requests are steered onto the images
/// the catalogue knows, so that the algorithm tables are exercised too.
#[test]
fn random_requests_meet_the_algorithm_checks_without_panic() {
    use tjs::core::algorithm::{check, Catalogue};
    use tjs::core::protocol::algorithm as protocol;
    let catalogue = Catalogue::embedded();
    let images = [
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        "811284229777.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310",
        "811284229777.dkr.ecr.us-east-1.amazonaws.com/image-classification:1",
        "450853457545.dkr.ecr.cn-north-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        "xgboost",
        "",
    ];
    let names = ["num_round", "eta", "objective", "k", "feature_dim", "mode", "sagemaker_program", "num_class"];
    for seed in 1..=600u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut request = value_for(catalogue::ROOT, &mut rng, 0);
        let Value::Object(ref mut object) = request else { continue };
        if rng.chance(80) {
            let image = if rng.chance(80) { json!(images[rng.below(images.len())]) } else { wrong_value(&mut rng, 0) };
            object.insert(
                "AlgorithmSpecification".into(),
                json!({ "TrainingImage": image, "TrainingInputMode": text(&mut rng) }),
            );
        }
        if rng.chance(60) {
            let hyperparameters: Map<String, Value> = (0..rng.below(6))
                .map(|_| {
                    (
                        names[rng.below(names.len())].to_string(),
                        if rng.chance(80) { json!(text(&mut rng)) } else { wrong_value(&mut rng, 0) },
                    )
                })
                .collect();
            object.insert("HyperParameters".into(), Value::Object(hyperparameters));
        }
        let region = ["us-east-1", "eu-west-1", "cn-north-1", "", "nowhere"][rng.below(5)];
        for problem in check(&request, catalogue, Some(region).filter(|r| !r.is_empty())) {
            assert!(problem.code.starts_with("algorithm.") && !problem.message.is_empty(), "seed {seed}");
        }
        let key = ["xgboost", "pytorch", "huggingface", "", "nope"][rng.below(5)];
        let picked = protocol::Picked {
            key: key.into(),
            version: text(&mut rng),
            py: text(&mut rng),
            processor: text(&mut rng),
            chosen: rng.chance(50),
        };
        let state = protocol::state(&request, region, &picked).encode();
        let answer = protocol::Reply::decode(&protocol::answer(catalogue, &state));
        assert!(matches!(answer, protocol::Reply::Judged(_)), "seed {seed}");
    }
}
