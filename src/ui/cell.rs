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

use super::Studio;
use crate::core::draft::Draft;

#[derive(Clone, Copy)]
pub struct DraftCell {
    studio: Studio,
    text: Memo<String>,
    written: Trigger,
}

impl DraftCell {
    pub fn new(studio: Studio, read: impl Fn(&Draft) -> String + Send + Sync + 'static) -> Self {
        let written = Trigger::new();
        let text = Memo::new(move |_| {
            written.track();
            studio.read_layout(&read)
        });
        DraftCell { studio, text, written }
    }

    pub fn get(&self) -> String {
        self.text.get()
    }

    pub fn with<T>(&self, f: impl FnOnce(&String) -> T) -> T {
        self.text.with(f)
    }

    /// Changes the draft through this control: the body, its checks and this cell follow.
    pub fn write(&self, edit: impl FnOnce(&mut Draft)) {
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
