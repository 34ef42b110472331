//! The error summary: every problem, each a link that moves focus to its field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Studio;
use crate::core::problem::Severity;

#[component]
pub fn Summary() -> impl IntoView {
    let studio = expect_context::<Studio>();
    view! {
        <section class="summary" aria-labelledby="summary-title" data-summary="">
            <h2 id="summary-title">
                {move || match studio.problems.with(Vec::len) {
                    0 => "No problems found".to_string(),
                    1 => "1 problem".to_string(),
                    n => format!("{n} problems"),
                }}
            </h2>
            <ul>
                {move || {
                    studio.problems.get().into_iter().map(|p| {
                        let target = p.path.clone();
                        let label = if p.path.is_empty() { "Request".to_string() } else { p.path.clone() };
                        let class = if p.severity == Severity::Error { "error" } else { "warning" };
                        view! {
                            <li class=class>
                                <a href="#" data-summary-path=p.path.clone() on:click=move |ev| {
                                    ev.prevent_default();
                                    focus_field(&target);
                                }>{label}</a>
                                ": " {p.message}
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}

/// Moves focus to the control for `path`, opening its section if it is collapsed.
pub fn focus_field(path: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = format!("[data-path=\"{}\"]:not(button)", path.replace('"', "\\\""));
    if let Ok(Some(element)) = document.query_selector(&selector) {
        if let Ok(Some(details)) = element.closest("details") {
            let _ = details.set_attribute("open", "");
        }
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}
