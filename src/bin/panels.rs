//! The panels the page loads later (behaviour §6, §11, §12): Submit, the job panel, and Templates and
//! drafts, built by Trunk as a module of its own (index.html) that the page loads when the Submit
//! or the drafts section first comes near the viewport (`src/ui/page/panels_host.rs`). Its code is
//! `tjs::ui::panels` and the panels it draws.

#[cfg(target_arch = "wasm32")]
fn main() {
    tjs::ui::panels::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app's later-loaded panels: build them with `trunk build` (see README.md).");
}
