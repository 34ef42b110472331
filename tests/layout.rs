//! What the form shows where, decided in the core (issue 14 item 2): the sections, the one-of
//! choices and the grouping of long choice lists.

use tjs::core::catalogue::{self, Kind};
use tjs::core::enum_picker::by_family;
use tjs::core::layout::SECTIONS;
use tjs::core::rules::{alternatives, ONE_OF};

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
