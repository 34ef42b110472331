//! The typed messages between the app's modules (`core::protocol`): every question and answer
//! survives its encoding, the worker answers as the direct call would, and no message, however
//! broken, goes unanswered.

use serde_json::{json, Value};
use tjs::core::account::{codes, Outcome, Skipped};
use tjs::core::draft::Draft;
use tjs::core::exports::{ExportFormat, Written};
use tjs::core::formats::{self, CloneFor};
use tjs::core::jobs::Destination;
use tjs::core::problem::Problem;
use tjs::core::protocol::service::{answer, Answer, Question};
use tjs::core::protocol::Failure;
use tjs::core::service_error::{self, ServiceError};
use tjs::core::sign::{sign_request, Keys, SignJob, SignedRequest};

fn job() -> SignJob {
    SignJob {
        endpoint: "https://api.sagemaker.eu-west-1.amazonaws.com/".into(),
        region: "eu-west-1".into(),
        keys: Keys {
            access_key_id: "AKID".into(),
            secret_access_key: "s\"e\ncret".into(),
            session_token: "tok".into(),
        },
        target: "SageMaker.CreateTrainingJob".into(),
        body: "{\"TrainingJobName\": \"ü\"}\n".into(),
        time_ms: 1_700_000_000_123,
    }
}

fn described(file: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/describe/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn asked_and_read(question: &Question, id: u32) -> Answer {
    let (answered_id, answer) = Answer::decode(&answer(&question.encode(id))).unwrap();
    assert_eq!(answered_id, id);
    same_draft_order(answer)
}

/// The answer with an imported draft's members in the model's order, as the message carries it
/// (a draft keeps the order it was read in; its body does not depend on it).
fn same_draft_order(answer: Answer) -> Answer {
    match answer {
        Answer::Imported(mut imported) => {
            imported.draft = Draft::from_value(&imported.draft.body());
            Answer::Imported(imported)
        }
        other => other,
    }
}

#[test]
fn every_question_reads_back_as_it_was_asked() {
    let clone = CloneFor { name_suffix: "20261126-1049".into(), region: "eu-west-1".into() };
    let questions = [
        Question::Sign(job()),
        Question::Import { text: "line 1\nline 2 {\"a\": \"\\n\"}\n\n".into(), clone: clone.clone() },
        Question::Import { text: String::new(), clone: CloneFor::default() },
        Question::DecodeError { status: 400, body: "<Error>\n<Code>X</Code>\n</Error>".into() },
        Question::DecodeError { status: 0, body: String::new() },
        Question::ReadCredentials { text: "[a]\naws_access_key_id = X\n".into(), profile: "a".into() },
        Question::Export { format: ExportFormat::Boto3, region: "cn-north-1".into(), body: json!({"A": "b\n'c'"}) },
        Question::CheckAccount {
            body: json!({"RoleArn": "arn:aws:iam::1:role/a\nb"}),
            to: Destination {
                region: "eu-west-1".into(),
                keys: job().keys,
                account_endpoint: "http://127.0.0.1:5000/".into(),
                send_via: "aws/".into(),
                timeout_seconds: 7,
                ..Destination::default()
            },
        },
    ];
    for (id, question) in questions.into_iter().enumerate() {
        let id = id as u32 * 1_000_003;
        assert_eq!(Question::decode(&question.encode(id)), Ok((id, question)));
    }
    for format in ExportFormat::ALL {
        let question = Question::Export { format, region: String::new(), body: json!({}) };
        assert_eq!(Question::decode(&question.encode(1)), Ok((1, question)));
    }
}

#[test]
fn every_answer_reads_back_as_it_was_given() {
    let imported = formats::import(&described("mxnet-sdk-no-channels.json"), &CloneFor::default()).unwrap();
    let answers = [
        Answer::Signed(SignedRequest {
            url: "https://x/".into(),
            headers: vec![("authorization".into(), "AWS4 a=\"b\"".into())],
        }),
        Answer::Signed(SignedRequest { url: String::new(), headers: Vec::new() }),
        Answer::Imported(imported),
        Answer::DecodedError {
            error: ServiceError { status: 400, code: "ValidationException".into(), message: "a\nb".into() },
            paths: vec!["ResourceConfig.InstanceType".into()],
        },
        Answer::Credentials {
            keys: Keys { access_key_id: "A".into(), secret_access_key: "B".into(), session_token: String::new() },
            said: "profile a".into(),
        },
        Answer::Exported(Written {
            text: "line 1\n\nline 3\n".into(),
            notes: vec!["a \"note\"\nover two lines".into()],
        }),
        Answer::Exported(Written::default()),
        Answer::Failed(Failure { message: "Expected a value".into(), line: 2, column: 3 }),
        Answer::Failed(Failure::new("no keys")),
        Answer::AccountChecked(Outcome::default()),
        Answer::AccountChecked(Outcome {
            problems: vec![
                Problem::error("RoleArn", codes::ROLE, "The role x does not\nlet SageMaker assume it."),
                Problem::warning("VpcConfig.Subnets", codes::SUBNET_ADDRESSES, "Few addresses."),
            ],
            skipped: vec![Skipped {
                code: codes::KMS_KEY,
                path: "OutputDataConfig.KmsKeyId".into(),
                reason: "Not checked".into(),
            }],
        }),
    ];
    for (id, answer) in answers.into_iter().enumerate() {
        let answer = same_draft_order(answer);
        let read = Answer::decode(&answer.encode(id as u32)).map(|(id, a)| (id, same_draft_order(a)));
        assert_eq!(read, Some((id as u32, answer)));
    }
}

#[test]
fn the_worker_signs_like_the_direct_call() {
    let job = job();
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(job.time_ms);
    let direct = sign_request(&job.endpoint, &job.region, &job.keys, &job.target, &job.body, time).unwrap();
    assert_eq!(asked_and_read(&Question::Sign(job.clone()), 3), Answer::Signed(direct));
    let no_keys = SignJob { keys: Keys::default(), ..job };
    assert!(
        matches!(asked_and_read(&Question::Sign(no_keys), 4), Answer::Failed(f) if f.message.contains("access key"))
    );
}

#[test]
fn the_worker_imports_what_the_page_would_and_keeps_the_place_of_an_error() {
    let clone = CloneFor { name_suffix: "20261126-1049".into(), region: "eu-west-1".into() };
    let text = described("mxnet-sdk-no-channels.json");
    let here = same_draft_order(Answer::Imported(formats::import(&text, &clone).unwrap()));
    assert_eq!(asked_and_read(&Question::Import { text, clone: clone.clone() }, 41), here);
    let broken = Question::Import { text: "{\n  oops\n}".into(), clone };
    assert!(matches!(asked_and_read(&broken, 42), Answer::Failed(Failure { line: 2, column: 3, .. })));
}

#[test]
fn the_worker_decodes_errors_reads_credentials_and_writes_exports() {
    let body = r#"{"__type":"ValidationException","message":"1 validation error detected: Value 'x' at 'resourceConfig.instanceType' failed"}"#;
    assert_eq!(
        asked_and_read(&Question::DecodeError { status: 400, body: body.into() }, 43),
        Answer::DecodedError {
            error: service_error::decode(400, body),
            paths: vec!["ResourceConfig.InstanceType".into()]
        }
    );
    let file =
        "[a]\naws_access_key_id=AKIDA\naws_secret_access_key=SA\n[b]\naws_access_key_id=X\naws_secret_access_key=Y";
    let keys = Keys { access_key_id: "AKIDA".into(), secret_access_key: "SA".into(), session_token: String::new() };
    assert_eq!(
        asked_and_read(&Question::ReadCredentials { text: file.into(), profile: " a ".into() }, 44),
        Answer::Credentials { keys, said: "profile a; the file also has b".into() }
    );
    assert_eq!(
        asked_and_read(&Question::ReadCredentials { text: file.into(), profile: String::new() }, 45),
        Answer::Failed(Failure::new("Choose a profile: the pasted file has a, b."))
    );
    let request: Value = json!({"TrainingJobName": "churn", "HyperParameters": {"a": "it's"}});
    for format in ExportFormat::ALL {
        let question = Question::Export { format, region: "eu-west-1".into(), body: request.clone() };
        assert_eq!(asked_and_read(&question, 46), Answer::Exported(format.write(&request, "eu-west-1")));
        assert_eq!(ExportFormat::from_key(format.key()), Some(format));
    }
}

#[test]
fn every_broken_message_gets_an_answer_that_says_why() {
    let failed = |message: &str| match Answer::decode(&answer(message)) {
        Some((id, Answer::Failed(failure))) => (id, failure.message),
        other => panic!("{message:?} got {other:?}"),
    };
    assert!(failed("").1.contains("could not read"));
    assert!(failed("nonsense").1.contains("could not read"));
    assert_eq!(failed("x sign\n{}").0, 0);
    assert_eq!(failed("5 unknown\nx"), (5, "The worker does not know the question unknown.".into()));
    for bad in ["", "null", "{\"endpoint\": 3}", "not json"] {
        let (id, message) = failed(&format!("6 sign\n{bad}"));
        assert!(id == 6 && message.contains("malformed"), "{bad}: {message}");
    }
    assert!(failed("7 import\nnot a header\ntext").1.contains("malformed"));
    assert!(failed("8 decode-error\nfour hundred\nbody").1.contains("no status"));
    assert!(failed("9 export\nno-such-format eu-west-1\n{}").1.contains("no format no-such-format"));
    assert!(failed("10 export\nboto3 eu-west-1\n{oops").1.contains("malformed"));
    // An answer the page cannot read is a failure it can show, not a panic.
    for unreadable in ["1 signed\n{}", "1 signed\nnot json", "1 imported\n{\"format\": \"?\"}", "1 who-knows\n{}"] {
        assert!(matches!(Answer::decode(unreadable), Some((1, Answer::Failed(_)))), "{unreadable}");
    }
    assert_eq!(Answer::decode("no id"), None);
}

#[test]
fn the_pages_reader_of_imports_reads_what_the_worker_writes() {
    let text = described("mxnet-sdk-no-channels.json");
    let clone = CloneFor::default();
    let here = formats::import(&text, &clone).unwrap();
    let read = Answer::decode_import(&answer(&Question::Import { text, clone: clone.clone() }.encode(1))).unwrap();
    assert_eq!(
        (read.draft.body(), read.format, read.left_out, read.notes),
        (here.draft.body(), here.format, here.left_out, here.notes)
    );
    let failed = Answer::decode_import(&answer(&Question::Import { text: "[".into(), clone }.encode(2))).unwrap_err();
    assert_eq!(failed.line, 1);
    for other in [
        Answer::Exported(Written { text: "x".into(), notes: vec![] }).encode(3),
        "3 imported\n{}".into(),
        "nonsense".into(),
    ] {
        assert!(Answer::decode_import(&other).unwrap_err().message.contains("cannot read"), "{other}");
    }
}

mod panels {
    use serde_json::json;
    use tjs::core::account::codes;
    use tjs::core::exports::Written;
    use tjs::core::problem::Problem;
    use tjs::core::protocol::panels::{ImportReport, News, PageAnswer, PageQuestion};
    use tjs::core::protocol::service::{with_id, Answer, Question};

    #[test]
    fn every_question_of_the_panels_reads_back_as_it_was_asked() {
        let questions = [
            PageQuestion::Body,
            PageQuestion::ErrorsForSubmit,
            PageQuestion::ErrorCount,
            PageQuestion::Region,
            PageQuestion::ChooseRegion("eu-west-1".into()),
            PageQuestion::DefaultRegion(String::new()),
            PageQuestion::Mark(vec!["A.B[0]".into(), "HyperParameters[\"a\nb\"]".into()]),
            PageQuestion::Mark(Vec::new()),
            PageQuestion::SetName("churn-2".into()),
            PageQuestion::Unsaved,
            PageQuestion::MayReplace("Loading a template\nreplaces the form.".into()),
            PageQuestion::Replace(None),
            PageQuestion::Replace(Some(json!({}))),
            PageQuestion::Replace(Some(json!({"TrainingJobName": "a\nb"}))),
            PageQuestion::Template(json!({"AlgorithmSpecification": {"TrainingImage": "x"}})),
            PageQuestion::Saved(json!({"A": [1, "2"]})),
            PageQuestion::Clone("{\n\"TrainingJobName\": \"x\"\n}".into()),
            PageQuestion::Service(Question::DecodeError { status: 400, body: "a\nb".into() }.encode(3)),
            PageQuestion::AccountFindings(Vec::new()),
            PageQuestion::AccountFindings(vec![
                Problem::error("InputDataConfig[0].DataSource.S3DataSource.S3Uri", codes::S3_EMPTY, "No object\nhere."),
                Problem::warning("VpcConfig.SecurityGroupIds", codes::SG_SELF, "Hangs."),
            ]),
        ];
        for question in questions {
            assert_eq!(PageQuestion::decode(&question.encode()), Ok(question));
        }
    }

    #[test]
    fn every_answer_of_the_page_reads_back_as_it_was_given() {
        let answers = [
            PageAnswer::Body(json!({"TrainingJobName": "x", "Tags": []})),
            PageAnswer::Body(json!(null)),
            PageAnswer::Count(0),
            PageAnswer::Count(4_000_000),
            PageAnswer::Region("cn-north-1".into()),
            PageAnswer::Flag(true),
            PageAnswer::Flag(false),
            PageAnswer::Done,
            PageAnswer::Cloned(None),
            PageAnswer::Cloned(Some(ImportReport::Failed("Nothing was changed.\nLine 2".into()))),
            PageAnswer::Cloned(Some(ImportReport::Imported {
                format: "a DescribeTrainingJob response".into(),
                left_out: vec!["Output-only members: TrainingJobArn.".into()],
                notes: Vec::new(),
            })),
            PageAnswer::Service(
                Answer::Exported(Written { text: "line 1\nline 2".into(), notes: vec!["n".into()] }).encode(9),
            ),
            PageAnswer::Failed("why\nand how".into()),
        ];
        for answer in answers {
            assert_eq!(PageAnswer::decode(&answer.encode()), answer);
        }
        let news = News::FormChanged { region: "us-gov-west-1".into() };
        assert_eq!(News::decode(&news.encode()), Some(news));
    }

    #[test]
    fn the_page_relays_the_panels_questions_to_its_worker_under_its_own_ids() {
        let asked = Question::ReadCredentials { text: "[a]\nx = 1".into(), profile: "a".into() };
        let relayed = with_id(&asked.encode(1), 77);
        assert_eq!(Question::decode(&relayed), Ok((77, asked)));
        assert_eq!(with_id("nonsense", 5), "nonsense");
    }

    #[test]
    fn a_broken_message_between_page_and_panels_is_a_failure_that_says_why() {
        assert!(PageQuestion::decode("no-such-kind\n")
            .unwrap_err()
            .contains("does not know the question no-such-kind"));
        assert!(PageQuestion::decode("body").unwrap_err().contains("cannot read"));
        assert!(PageQuestion::decode("").is_err());
        assert!(PageQuestion::decode("mark\n{\"not\": \"a list\"").unwrap_err().contains("malformed"));
        assert!(PageQuestion::decode("mark\n{\"not\": \"a list\"}").unwrap_err().contains("not a list of paths"));
        assert!(PageQuestion::decode("mark\n[\"a\", 2]").unwrap_err().contains("not a list of paths"));
        assert!(PageQuestion::decode("template\nnot json").unwrap_err().contains("malformed"));
        // A finding with a code that is not an account check's is dropped, not shown made up.
        let foreign = r#"[{"path": "RoleArn", "code": "rule.made-up", "severity": "error", "message": "x"}]"#;
        assert_eq!(
            PageQuestion::decode(&format!("account-findings\n{foreign}")),
            Ok(PageQuestion::AccountFindings(vec![]))
        );
        for broken in ["", "count\nmany", "flag\nmaybe", "body\n{", "who-knows\n1"] {
            assert!(matches!(PageAnswer::decode(broken), PageAnswer::Failed(_)), "{broken:?}");
        }
        assert_eq!(News::decode("region-changed\nx"), None);
        assert_eq!(News::decode("eu-west-1"), None);
    }
}
