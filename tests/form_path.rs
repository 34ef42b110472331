//! Form and problem paths (behaviour §3) are built, read back and compared in one place
//! (`core::path`); problem paths stay byte for byte as the spec writes them.

use tjs::core::path::{self, child, is_within, item, member_names, top_member, FormPath, Step};

#[test]
fn paths_are_built_in_the_specs_form() {
    assert_eq!(child("", "TrainingJobName"), "TrainingJobName");
    assert_eq!(
        child(&item("InputDataConfig", 0), "DataSource.S3DataSource.S3Uri"),
        "InputDataConfig[0].DataSource.S3DataSource.S3Uri"
    );
    assert_eq!(child(&item("HyperParameters", 2), "value"), "HyperParameters[2].value");
    assert_eq!(member_names("InputDataConfig[3].ChannelName"), ["InputDataConfig", "ChannelName"]);
    assert_eq!(top_member("Tags[1].Key"), "Tags");
}

#[test]
fn a_path_is_within_itself_and_its_parents_only() {
    assert!(is_within("Tags[1].Key", "Tags"));
    assert!(is_within("Tags[1].Key", "Tags[1]"));
    assert!(is_within("Tags[1].Key", "Tags[1].Key"));
    assert!(is_within("Tags[1].Key", ""));
    assert!(!is_within("Tags[1].Key", "Tag"));
    assert!(!is_within("Tags[10].Key", "Tags[1]"));
    assert!(!is_within("Tags", "Tags[1]"));
    let typed = FormPath::parse("Tags[10].Key");
    assert!(typed.starts_with(&FormPath::parse("Tags[10]")));
    assert!(!typed.starts_with(&FormPath::parse("Tags[1]")));
}

#[test]
fn every_problem_path_reads_back_to_the_same_text() {
    let mut paths = Vec::new();
    for file in ["tests/fixtures/invalid.json", "tests/fixtures/every-leaf.json", "tests/fixtures/valid.json"] {
        let body: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        paths.extend(tjs::core::validate::validate(&body).into_iter().map(|p| p.path));
    }
    paths
        .extend(["", "HyperParameters[2].value", "InputDataConfig[0].DataSource.S3DataSource.S3Uri"].map(String::from));
    for text in &paths {
        assert_eq!(FormPath::parse(text).to_string(), *text);
    }
    assert_eq!(
        FormPath::parse("HyperParameters[2].value").steps(),
        [Step::Member("HyperParameters".into()), Step::Index(2), Step::Member("value".into())]
    );
    assert_eq!(path::steps("A[1].B").collect::<Vec<_>>(), [("A", Some(1)), ("B", None)]);
}

#[test]
fn typed_paths_build_the_same_paths_as_text() {
    let uri = FormPath::default().child("InputDataConfig").item(0).child("DataSource").child("S3DataSource");
    let uri = uri.child("S3Uri");
    assert_eq!(uri, FormPath::parse("InputDataConfig[0].DataSource.S3DataSource.S3Uri"));
    assert_eq!(uri.to_string(), child(&item("InputDataConfig", 0), "DataSource.S3DataSource.S3Uri"));
    assert_eq!(uri.member_names(), member_names(&uri.to_string()));
    let (outer, last) = uri.split_last().unwrap();
    assert_eq!(outer.to_string(), "InputDataConfig[0].DataSource.S3DataSource");
    assert_eq!(last, &Step::Member("S3Uri".into()));
    let tag = FormPath::parse("Tags[3]");
    let (list, position) = tag.split_last().unwrap();
    assert_eq!((list.to_string().as_str(), position), ("Tags", &Step::Index(3)));
    assert!(list.is_top_level() && !uri.is_top_level());
    assert!(FormPath::default().is_root() && FormPath::default().split_last().is_none());
    assert_eq!(
        FormPath::default().child("HyperParameters").item(2).child("value").to_string(),
        "HyperParameters[2].value"
    );
}

/// Problem paths are compared as text (`is_within`, on every keystroke), controls' paths as typed
/// paths (`FormPath::starts_with`): both must be the same relation.
#[test]
fn text_and_typed_paths_agree_on_what_lies_inside_what() {
    let mut paths: Vec<String> = Vec::new();
    for file in ["tests/fixtures/invalid.json", "tests/fixtures/every-leaf.json"] {
        let body: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        paths.extend(tjs::core::validate::validate(&body).into_iter().map(|p| p.path));
    }
    let mut prefixes: Vec<String> =
        ["Tags[1]", "Tags[10]", "Tag", "InputDataConfig[1].Data"].map(String::from).to_vec();
    for path in &paths {
        let mut typed = FormPath::parse(path);
        while let Some((outer, _)) = typed.split_last() {
            prefixes.push(outer.to_string());
            typed = outer;
        }
    }
    let mut inside = 0;
    for path in &paths {
        for outer in &prefixes {
            let typed = FormPath::parse(path).starts_with(&FormPath::parse(outer));
            assert_eq!(is_within(path, outer), typed, "{path} within {outer}");
            inside += usize::from(typed);
        }
    }
    assert!(inside > paths.len(), "some paths lie inside others");
}
