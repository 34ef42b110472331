//! The messages of each control, one signal per path. When the list of problems changes, only
//! the controls whose own messages changed are told, so a keystroke that changes one problem
//! does not wake a thousand controls.
//!
//! ```ignore
//! let messages = studio.messages.at("TrainingJobName");
//! view! { <p>{move || messages.with(|ps| ps.len())}</p> }
//! ```

use std::collections::HashMap;

use leptos::prelude::*;

use crate::core::problem::Problem;

/// What a control shows when the service's ValidationException named it.
fn rejected_by_service(path: &str) -> Problem {
    // The same words for a rejected submit and for a job that failed on this value.
    Problem::error(
        path,
        "service",
        "The service named this value when it rejected the request or failed the job; see Submit.",
    )
}

#[derive(Default)]
struct Board {
    /// The signal of each path a control has asked for.
    slots: HashMap<String, ArcRwSignal<Vec<Problem>>>,
    /// What each path's signal holds now (paths without messages are absent).
    shown: HashMap<String, Vec<Problem>>,
}

#[derive(Clone, Copy)]
pub struct MessageBoard {
    board: StoredValue<Board>,
}

impl MessageBoard {
    /// Follows `problems` and the paths the service rejected.
    pub fn new(problems: Memo<Vec<Problem>>, service_paths: RwSignal<Vec<String>>) -> Self {
        let board = StoredValue::new(Board::default());
        Effect::new(move |_| {
            let mut next: HashMap<String, Vec<Problem>> = HashMap::new();
            problems.with(|ps| ps.iter().for_each(|p| next.entry(p.path.clone()).or_default().push(p.clone())));
            service_paths
                .with(|ps| ps.iter().for_each(|p| next.entry(p.clone()).or_default().push(rejected_by_service(p))));
            let changed: Vec<(ArcRwSignal<Vec<Problem>>, Vec<Problem>)> = board.with_value(|b| {
                let gone = b.shown.keys().filter(|path| !next.contains_key(*path)).map(|path| (path, Vec::new()));
                let new =
                    next.iter().filter(|(path, ps)| b.shown.get(*path) != Some(*ps)).map(|(p, ps)| (p, ps.clone()));
                gone.chain(new).filter_map(|(path, ps)| b.slots.get(path).map(|slot| (slot.clone(), ps))).collect()
            });
            board.update_value(|b| b.shown = next);
            // Set outside the board's borrow: a control may ask for a slot while it redraws.
            for (slot, ps) in changed {
                slot.set(ps);
            }
        });
        MessageBoard { board }
    }

    /// The messages of one path.
    pub fn at(&self, path: &str) -> ArcRwSignal<Vec<Problem>> {
        if let Some(slot) = self.board.with_value(|b| b.slots.get(path).cloned()) {
            return slot;
        }
        let slot = ArcRwSignal::new(self.board.with_value(|b| b.shown.get(path).cloned().unwrap_or_default()));
        self.board.update_value(|b| {
            b.slots.insert(path.to_string(), slot.clone());
        });
        slot
    }
}
