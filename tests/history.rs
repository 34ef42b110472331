//! Undo and redo (behaviour §12): which changes make a step, and what undo and redo bring back.

use tjs::core::draft::Draft;
use tjs::core::history::{History, Source, DEPTH, PAUSE_MS};
use tjs::core::path::FormPath;

/// A form path from its text, as a control's `data-path` gives it.
fn form_path(text: &str) -> FormPath {
    FormPath::parse(text)
}

fn named(name: &str) -> Draft {
    let mut draft = Draft::new();
    draft.set_text(&form_path("TrainingJobName"), name);
    draft
}

#[test]
fn typing_in_one_control_without_a_pause_is_one_step() {
    let mut history = History::default();
    let mut draft = Draft::new();
    for (i, name) in ["a", "ab", "abc"].iter().enumerate() {
        history.before_change(Source::Typing(7), i as f64 * 300.0, || draft.clone());
        draft.set_text(&form_path("TrainingJobName"), *name);
    }
    assert_eq!(history.undo(draft.clone()), Some(Draft::new()));
    assert!(!history.can_undo());
}

#[test]
fn a_pause_another_control_or_an_action_starts_a_new_step() {
    let mut history = History::default();
    let mut draft = Draft::new();
    let mut change = |history: &mut History<Draft>, source, at, name: &str| {
        history.before_change(source, at, || draft.clone());
        draft.set_text(&form_path("TrainingJobName"), name);
        draft.clone()
    };
    change(&mut history, Source::Typing(1), 0.0, "a");
    change(&mut history, Source::Typing(1), PAUSE_MS + 1.0, "ab");
    change(&mut history, Source::Typing(2), PAUSE_MS + 2.0, "abc");
    change(&mut history, Source::Action, PAUSE_MS + 3.0, "abcd");
    let now = change(&mut history, Source::Action, PAUSE_MS + 4.0, "abcde");
    let mut seen = Vec::new();
    let mut state = now;
    while let Some(earlier) = history.undo(state.clone()) {
        seen.push(earlier.text(&form_path("TrainingJobName")));
        state = earlier;
    }
    assert_eq!(seen, ["abcd", "abc", "ab", "a", ""]);
}

#[test]
fn redo_brings_back_what_undo_took_and_a_new_change_drops_it() {
    let mut history = History::default();
    history.before_change(Source::Action, 0.0, || named("first"));
    let undone = history.undo(named("second")).unwrap();
    assert_eq!(undone, named("first"));
    assert!(history.can_redo());
    assert_eq!(history.redo(undone.clone()), Some(named("second")));
    assert_eq!(history.undo(named("second")), Some(named("first")));
    history.before_change(Source::Action, 1.0, || named("first"));
    assert!(!history.can_redo());
    assert_eq!(history.redo(named("third")), None);
}

#[test]
fn steps_that_changed_nothing_are_skipped() {
    let mut history = History::default();
    history.before_change(Source::Action, 0.0, || named("a"));
    history.before_change(Source::Action, 1.0, || named("b"));
    history.before_change(Source::Action, 2.0, || named("b"));
    // The draft is still "b": undo goes to "a" at once, not to a copy of "b".
    assert_eq!(history.undo(named("b")), Some(named("a")));
}

#[test]
fn the_history_reaches_back_a_bounded_number_of_steps() {
    let mut history = History::default();
    for i in 0..DEPTH + 20 {
        history.before_change(Source::Action, i as f64, || named(&i.to_string()));
    }
    let mut state = named("now");
    let mut count = 0;
    while let Some(earlier) = history.undo(state.clone()) {
        state = earlier;
        count += 1;
    }
    assert_eq!(count, DEPTH);
    assert_eq!(state, named("20"));
}

#[test]
fn a_draft_brought_back_never_gives_an_id_twice() {
    let mut draft = Draft::new();
    let first = draft.push(&form_path("Tags")).unwrap();
    let before = draft.clone();
    let second = draft.push(&form_path("Tags")).unwrap();
    let mut restored = draft.brought_back(before);
    assert_eq!(restored.ids(&form_path("Tags")), vec![first]);
    let third = restored.push(&form_path("Tags")).unwrap();
    assert!(third != first && third != second);
}
