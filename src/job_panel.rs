//! The service panel (SPEC S6, S11): Submit, the followed job and the job list, built by Trunk as
//! a module of its own (index.html) that the page loads when the Submit section first comes near
//! the viewport (`src/ui/service_panel_host.rs`). Its code is `tjs::ui::submit`, `jobs` and
//! `service_call`.

#[cfg(target_arch = "wasm32")]
fn main() {
    tjs::ui::jobs::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app's job panel: build it with `trunk build` (see README.md).");
}
