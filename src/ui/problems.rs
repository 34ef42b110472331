//! The error summary: every problem, each a link that moves focus to its field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Studio;
use crate::core::catalogue;
use crate::core::path::{is_within, member_names, FormPath};
use crate::core::problem::Severity;

/// The summary at the head of the form: how many problems, then each with its path as a link to
/// its field, so nothing wrong stays out of sight in a folded group.
#[component]
pub fn Summary() -> impl IntoView {
    let studio = expect_context::<Studio>();
    view! {
        <section class="summary" aria-labelledby="summary-title" data-summary="">
            <h2 id="summary-title">
                {move || match studio.problems.with(Vec::len) {
                    0 if studio.held_back.get() > 0 => "Nothing wrong so far".to_string(),
                    0 => "No problems found".to_string(),
                    1 => "1 problem".to_string(),
                    n => format!("{n} problems"),
                }}
            </h2>
            {move || match studio.held_back.get() {
                0 => None,
                n => Some(view! {
                    <p class="hint" data-summary="held-back">
                        {format!("{n} required {} not filled in yet; flagged once you type in {} section or submit.",
                            if n == 1 { "member is" } else { "members are" }, if n == 1 { "its" } else { "their" })}
                    </p>
                }),
            }}
            <ul>
                {move || {
                    studio.problems.get().into_iter().map(|p| {
                        let target = p.path.clone();
                        let label = if p.path.is_empty() {
                            "Request".to_string()
                        } else {
                            studio.draft.with_untracked(|d| d.display_path(&FormPath::parse(&p.path)))
                        };
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

/// Moves focus to the control for `path`, unfolding the section and groups around it. A folded
/// group builds its controls only once opened, so this looks again after each unfolding.
pub fn focus_field(path: &str) {
    focus_when_built(path.to_string(), 10);
}

fn focus_when_built(path: String, attempts: u32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if unfold_groups_around(&document, &path) && attempts > 0 {
        return again_soon(path, attempts - 1);
    }
    let quoted = path.replace('"', "\\\"");
    // The field itself; else the first field inside it (a required group that is missing); else
    // the group or list, for a problem about the whole of it.
    let selectors = [
        format!("[data-path=\"{quoted}\"]:not(button)"),
        format!("[data-path^=\"{quoted}.\"]:not(button), [data-path^=\"{quoted}[\"]:not(button)"),
        format!("[data-group=\"{quoted}\"] summary, [data-list=\"{quoted}\"] button"),
    ];
    // Inside a missing group, a required field comes first: that is what the problem is about.
    let required_inside = || {
        let inside = document.query_selector_all(&selectors[1]).ok()?;
        (0..inside.length())
            .filter_map(|i| inside.item(i)?.dyn_into::<web_sys::Element>().ok())
            .find(|e| e.get_attribute("data-path").is_some_and(|p| catalogue::is_required(&member_names(&p))))
    };
    let found = document
        .query_selector(&selectors[0])
        .ok()
        .flatten()
        .or_else(required_inside)
        .or_else(|| selectors[1..].iter().find_map(|selector| document.query_selector(selector).ok().flatten()));
    if found.is_none() && attempts > 0 {
        return again_soon(path, attempts - 1); // not drawn yet, such as a row just added
    }
    if let Some(element) = found {
        // Unfold every folded section or group around it, not just the nearest.
        let mut folded = element.closest("details").ok().flatten();
        while let Some(details) = folded {
            let _ = details.set_attribute("open", "");
            folded = details.parent_element().and_then(|p| p.closest("details").ok().flatten());
        }
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

fn again_soon(path: String, attempts: u32) {
    set_timeout(move || focus_when_built(path, attempts), std::time::Duration::from_millis(20));
}

/// Opens the folded groups that hold `path` (or are it), and scrolls to a section, list item or
/// row that holds it but is not built yet; whether there was any.
fn unfold_groups_around(document: &web_sys::Document, path: &str) -> bool {
    let holds = |p: &str| !p.is_empty() && is_within(path, p);
    let elements = |selector: &str| {
        let list = document.query_selector_all(selector).ok();
        (0..list.as_ref().map_or(0, |l| l.length()))
            .filter_map(move |i| list.as_ref()?.item(i)?.dyn_into::<web_sys::Element>().ok())
    };
    let mut unfolded = false;
    for group in elements("details[data-group]:not([open])") {
        if holds(&group.get_attribute("data-group").unwrap_or_default()) {
            let _ = group.set_attribute("open", "");
            unfolded = true;
        }
    }
    let pending = elements("[data-watch]").find(|e| {
        holds(&e.get_attribute("data-item").or_else(|| e.get_attribute("data-row")).unwrap_or_default())
            || e.get_attribute("data-members").unwrap_or_default().split(' ').any(holds)
    });
    if let Some(element) = pending {
        element.scroll_into_view();
        unfolded = true;
    }
    unfolded
}
