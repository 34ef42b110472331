//! What the form shows where, decided in the core (issue 14 item 2): the sections, the one-of
//! choices and the grouping of long choice lists.

use tjs::core::catalogue::{self, Kind};
use tjs::core::enum_picker::by_family;
use tjs::core::layout::SECTIONS;
use tjs::core::path::FormPath;
use tjs::core::rules::{alternatives, ONE_OF};

/// A form path from its text, as a control's `data-path` gives it.
fn form_path(text: &str) -> FormPath {
    FormPath::parse(text)
}

#[test]
fn every_top_level_member_has_one_section() {
    let placed: Vec<&str> = SECTIONS.iter().flat_map(|s| s.members.iter().copied()).collect();
    for m in catalogue::shape(catalogue::ROOT).members() {
        assert_eq!(placed.iter().filter(|p| **p == m.name).count(), 1, "{}", m.name);
    }
    assert_eq!(
        placed.len(),
        catalogue::shape(catalogue::ROOT).members().len(),
        "no section names a member the model lacks"
    );
}

#[test]
fn each_one_of_choice_is_a_structure_with_those_members() {
    for (shape_name, members) in ONE_OF {
        let shape = catalogue::SHAPES.iter().find(|s| s.name == *shape_name).unwrap_or_else(|| panic!("{shape_name}"));
        let Kind::Structure(fields) = shape.kind else { panic!("{shape_name} is not a structure") };
        for member in *members {
            assert!(fields.iter().any(|f| f.name == *member), "{shape_name}.{member}");
        }
    }
    assert_eq!(alternatives("AlgorithmSpecification"), ["TrainingImage", "AlgorithmName"]);
    assert!(alternatives("ResourceConfig").is_empty());
}

#[test]
fn long_choice_lists_are_grouped_by_family_and_narrowed() {
    let values = ["ml.m5.large", "ml.p4d.24xlarge", "ml.m5.xlarge", "ml.trn1.2xlarge", "odd"];
    let all = by_family(&values, "  ", "");
    assert_eq!(
        all,
        [
            ("m5", vec!["ml.m5.large", "ml.m5.xlarge"]),
            ("p4d", vec!["ml.p4d.24xlarge"]),
            ("trn1", vec!["ml.trn1.2xlarge"]),
            ("odd", vec!["odd"])
        ]
    );
    // The search ignores case, and the current value always stays.
    assert_eq!(
        by_family(&values, "P4D", "ml.m5.xlarge"),
        [("p4d", vec!["ml.p4d.24xlarge"]), ("m5", vec!["ml.m5.xlarge"])]
    );
    assert!(by_family(&values, "nothing", "").is_empty());
}

#[test]
fn unknown_imported_members_are_found_and_placed_in_a_section() {
    use tjs::core::draft::Draft;
    use tjs::core::layout::section_for;
    use tjs::core::path::top_member;
    let draft = Draft::import(
        r#"{"trainingJobName": "lower", "Mystery": 1, "TrainingJobName": "ok",
            "AlgorithmSpecification": {"TrainingInputMode": "File", "Foo": {"bar": [1]}},
            "InputDataConfig": [{"ChannelName": "train", "Extra": true}]}"#,
    )
    .unwrap();
    assert_eq!(
        draft.unknown_members(&form_path("")),
        [(form_path("trainingJobName"), "\"lower\"".to_string()), (form_path("Mystery"), "1".to_string())]
    );
    assert_eq!(
        draft.unknown_members(&form_path("AlgorithmSpecification")),
        [(form_path("AlgorithmSpecification.Foo"), r#"{"bar":[1]}"#.to_string())]
    );
    assert_eq!(
        draft.unknown_members(&form_path("InputDataConfig[0]")),
        [(form_path("InputDataConfig[0].Extra"), "true".to_string())]
    );
    assert!(draft.unknown_members(&form_path("OutputDataConfig")).is_empty());
    // Each is shown in the section of the member it matches ignoring case, else the first.
    assert_eq!(section_for("trainingJobName"), "job");
    assert_eq!(section_for("hyperparameters"), "hyperparameters");
    assert_eq!(section_for("Mystery"), SECTIONS[0].id);
    assert_eq!(section_for("Tags"), "tags");
    assert_eq!(top_member("InputDataConfig[0].ChannelName"), "InputDataConfig");
    assert_eq!(top_member("Tags"), "Tags");
}

#[test]
fn map_rows_are_named_by_their_keys_for_people() {
    use tjs::core::draft::Draft;
    let draft = Draft::import(
        r#"{"HyperParameters": {"eta": "x", "max_depth": "7"}, "Environment": {"A": "1"},
            "Tags": [{"Key": "k", "Value": "v"}]}"#,
    )
    .unwrap();
    assert_eq!(draft.display_path(&form_path("HyperParameters[1].value")), r#"HyperParameters["max_depth"]"#);
    assert_eq!(draft.display_path(&form_path("HyperParameters[0].key")), r#"HyperParameters["eta"].key"#);
    assert_eq!(draft.display_path(&form_path("Environment[0]")), r#"Environment["A"]"#);
    // Lists keep their positions; a row without a key, or past the end, keeps its position.
    assert_eq!(draft.display_path(&form_path("Tags[0].Key")), "Tags[0].Key");
    assert_eq!(draft.display_path(&form_path("HyperParameters[9].value")), "HyperParameters[9].value");
    assert_eq!(draft.display_path(&form_path("TrainingJobName")), "TrainingJobName");
    assert_eq!(draft.display_path(&form_path("")), "");
}

#[test]
fn missing_required_members_are_held_back_only_in_quiet_sections() {
    use tjs::core::layout::held_back;
    use tjs::core::problem::Problem;
    let missing_role = Problem::error("RoleArn", "required", "Required.");
    let missing_output = Problem::error("OutputDataConfig", "required", "Required.");
    let missing_compute = Problem::error("ResourceConfig", "rule.required-unless-serverless", "Required ...");
    let bad_name = Problem::error("TrainingJobName", "pattern", "Character 4 ...");
    let all_quiet: Vec<&str> = SECTIONS.iter().map(|s| s.id).collect();
    assert!(held_back(&missing_role, &all_quiet));
    assert!(held_back(&missing_compute, &all_quiet));
    // A value of the wrong form is always flagged: the user typed it.
    assert!(!held_back(&bad_name, &all_quiet));
    // Once the user typed in the job section, its missing role is flagged; the output's is not.
    let typed_in_job: Vec<&str> = all_quiet.iter().copied().filter(|s| *s != "job").collect();
    assert!(!held_back(&missing_role, &typed_in_job));
    assert!(held_back(&missing_output, &typed_in_job));
    assert!(!held_back(&missing_output, &[]));
}
