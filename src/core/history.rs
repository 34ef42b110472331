//! Undo and redo over whole drafts while the page is open (behaviour §12).
//!
//! Every change to the draft is either typing in one control or a discrete action (add, remove,
//! clear, choose, reset, template, import, clone). Before a change that starts a new step, the
//! draft as it was is kept; typing in the same control with no pause longer than [`PAUSE_MS`]
//! stays one step, so one undo takes back a word rather than a letter.
//!
//! ```
//! use tjs::core::history::{History, Source};
//! let mut history = History::default();
//! let mut text = String::from("a");
//! history.before_change(Source::Typing(1), 0.0, || text.clone());
//! text.push('b');
//! history.before_change(Source::Typing(1), 200.0, || text.clone()); // same step
//! text.push('c');
//! assert_eq!(history.undo(text.clone()), Some("a".to_string()));
//! assert_eq!(history.redo("a".to_string()), Some("abc".to_string()));
//! ```

/// How many steps back the history reaches; older ones are forgotten.
pub const DEPTH: usize = 100;
/// A pause in typing longer than this (milliseconds) starts a new step.
pub const PAUSE_MS: f64 = 1000.0;

/// What makes a change, which decides whether it joins the step before it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Source {
    /// Typing or choosing in the control with this id: joins the step before it if that was the
    /// same control, less than [`PAUSE_MS`] ago.
    Typing(u64),
    /// An action that is always a step of its own.
    Action,
}

/// The states before each step (`past`, newest last) and after each undone one (`future`).
#[derive(Debug, Clone)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    /// The control the newest step gathers typing from, and when it last typed.
    typing: Option<(u64, f64)>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History { past: Vec::new(), future: Vec::new(), typing: None }
    }
}

impl<T: PartialEq> History<T> {
    /// To be called before every change to the state, with the time in milliseconds. When the
    /// change starts a new step, `current` is asked for the state as it is (only then, since a
    /// copy can be large) and the redo steps are dropped. Returns whether a step was started.
    pub fn before_change(&mut self, source: Source, now_ms: f64, current: impl FnOnce() -> T) -> bool {
        if let (Source::Typing(control), Some((last, at))) = (source, self.typing) {
            if control == last && now_ms - at <= PAUSE_MS && now_ms >= at {
                self.typing = Some((control, now_ms));
                return false;
            }
        }
        self.typing = match source {
            Source::Typing(control) => Some((control, now_ms)),
            Source::Action => None,
        };
        let state = current();
        if self.past.last() != Some(&state) {
            self.past.push(state);
            if self.past.len() > DEPTH {
                self.past.remove(0);
            }
        }
        self.future.clear();
        true
    }

    /// The state before the newest step that changed something, given the state now (which
    /// redo then brings back). `None` when there is nothing to undo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        self.typing = None;
        let earlier = Self::step_back(&mut self.past, &current)?;
        self.future.push(current);
        Some(earlier)
    }

    /// The state the newest undo left, given the state now. `None` when there is nothing to
    /// redo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        self.typing = None;
        let later = Self::step_back(&mut self.future, &current)?;
        self.past.push(current);
        Some(later)
    }

    /// Pops states equal to `current` (steps that changed nothing), then the one before them.
    fn step_back(stack: &mut Vec<T>, current: &T) -> Option<T> {
        while let Some(state) = stack.pop() {
            if state != *current {
                return Some(state);
            }
        }
        None
    }

    /// Whether [`History::undo`] may have a step to take back.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether [`History::redo`] may have a step to bring back.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
