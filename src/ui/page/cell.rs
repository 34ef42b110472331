//! One control's value in the draft. The draft is a single signal, so a control that read it
//! directly would be re-read on every keystroke anywhere in the form; a cell is re-read only
//! when its own control writes it or when the form's layout changes (rows come or go, a new
//! draft is loaded).
//!
//! ```ignore
//! let name = FormPath::default().child("TrainingJobName");
//! let read = name.clone();
//! let cell = DraftCell::new(studio, move |d| d.text(&read));
//! view! { <input bind:value=cell.bound(move |d, text| { d.set_text(&name, text); false })/> }
//! ```

use leptos::prelude::*;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::Studio;
use crate::core::draft::Draft;
use crate::core::history::Source;

/// Gives each cell its own id, so that undo can tell typing in one control from typing in the next.
static NEXT_CELL: AtomicU64 = AtomicU64::new(0);

#[derive(Clone, Copy)]
pub struct DraftCell {
    studio: Studio,
    text: Memo<String>,
    written: Trigger,
    id: u64,
}

impl DraftCell {
    pub fn new(studio: Studio, read: impl Fn(&Draft) -> String + Send + Sync + 'static) -> Self {
        let written = Trigger::new();
        let text = Memo::new(move |_| {
            written.track();
            studio.read_layout(&read)
        });
        DraftCell { studio, text, written, id: NEXT_CELL.fetch_add(1, Ordering::Relaxed) }
    }

    pub fn get(&self) -> String {
        self.text.get()
    }

    pub fn with<T>(&self, f: impl FnOnce(&String) -> T) -> T {
        self.text.with(f)
    }

    /// Changes the draft through this control: the body, its checks and this cell follow.
    pub fn write(&self, edit: impl FnOnce(&mut Draft)) {
        self.studio.before_change(Source::Typing(self.id));
        self.studio.draft.update(edit);
        self.written.notify();
    }

    /// [`DraftCell::write`] for an edit that may add or remove rows (it says whether it did);
    /// only then do the other controls re-read the draft.
    pub fn write_rows(&self, edit: impl FnOnce(&mut Draft) -> bool) {
        let mut moved = false;
        self.write(|d| moved = edit(d));
        if moved {
            self.studio.layout.notify();
        }
    }

    /// The cell as a two-way binding for `bind:value`: the control shows the cell's text, and
    /// what is typed goes into the draft through `edit`, which says whether rows came or went
    /// (see [`DraftCell::write_rows`]). Typing is then an edit like any other, for undo too.
    pub fn bound(self, edit: impl Fn(&mut Draft, String) -> bool + Send + Sync + 'static) -> (Memo<String>, TypedIn) {
        (self.text, TypedIn { cell: self, edit: Arc::new(edit) })
    }
}

/// What a control bound to a [`DraftCell`] does with typed text (the write half of
/// [`DraftCell::bound`]). One type for every control, so the binding's code exists once.
#[derive(Clone)]
pub struct TypedIn {
    cell: DraftCell,
    edit: Arc<TextEdit>,
}

/// Puts typed text into the draft; true when rows came or went.
type TextEdit = dyn Fn(&mut Draft, String) -> bool + Send + Sync;

impl Set for TypedIn {
    type Value = String;

    fn set(&self, text: String) {
        self.cell.write_rows(|d| (self.edit)(d, text));
    }

    fn try_set(&self, text: String) -> Option<String> {
        self.set(text);
        None
    }
}
