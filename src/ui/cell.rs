//! One control's value in the draft. The draft is a single signal, so a control that read it
//! directly would be re-read on every keystroke anywhere in the form; a cell is re-read only
//! when its own control writes it or when the form's layout changes (rows come or go, a new
//! draft is loaded).
//!
//! ```ignore
//! let cell = DraftCell::new(studio, move |d| d.text("TrainingJobName"));
//! view! { <input prop:value=move || cell.get() on:input=move |ev| cell.write(|d| d.set_text("TrainingJobName", event_target_value(&ev)))/> }
//! ```

use leptos::prelude::*;

use std::sync::atomic::{AtomicU64, Ordering};

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
}
