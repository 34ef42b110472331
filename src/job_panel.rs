//! The job panel (SPEC S11): the followed job and the job list, built by Trunk as a module of its
//! own (index.html) that the page loads when a submit succeeds or the job list is first opened
//! (`src/ui/job_panel_host.rs`). Its code is `tjs::ui::jobs`.

#[cfg(target_arch = "wasm32")]
fn main() {
    tjs::ui::jobs::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app's job panel: build it with `trunk build` (see README.md).");
}
