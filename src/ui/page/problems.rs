//! The error summary: every problem, each a link that moves focus to its field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Studio;
use crate::core::catalogue;
use crate::core::path::{is_within, member_names, FormPath};
use crate::core::problem::{plural, Problem, Severity};

/// How many of `problems` are errors, and how many warnings.
pub fn severities(problems: &[Problem]) -> (usize, usize) {
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    (errors, problems.len() - errors)
}

/// The summary at the head of the form: how many problems, then each with its path as a link to
/// its field, so nothing wrong stays out of sight in a folded group.
#[component]
pub fn Summary() -> impl IntoView {
    let studio = expect_context::<Studio>();
    view! {
        <section class="summary" aria-labelledby="summary-title" data-summary="">
            <h2 id="summary-title">
                {move || {
                    let (errors, warnings) = studio.problems.with(|ps| severities(ps));
                    match (errors, warnings) {
                        (0, 0) if studio.held_back.get() > 0 => "Nothing wrong so far".to_string(),
                        (0, 0) => "No problems found".to_string(),
                        (e, 0) => plural(e, "error", "errors"),
                        (0, w) => plural(w, "warning", "warnings"),
                        (e, w) => format!("{} and {}", plural(e, "error", "errors"), plural(w, "warning", "warnings")),
                    }
                }}
            </h2>
            <p class="hint" data-summary="blocking">
                {move || match studio.problems.with(|ps| severities(ps)) {
                    (0, 0) => "",
                    (0, _) => "Warnings never hold Submit back.",
                    _ => "Submit asks before sending while there are errors (\u{2716}); warnings (\u{25b2}) never hold it back.",
                }}
            </p>
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
                        let (class, mark) = match p.severity {
                            Severity::Error => ("error", "Error: "),
                            Severity::Warning => ("warning", "Warning: "),
                        };
                        let missing_key = p.missing_key.clone();
                        view! {
                            // The mark's shape (CSS) tells them apart without colour; its words
                            // say it to a screen reader.
                            <li class=class data-severity=class>
                                <span class="visually-hidden">{mark}</span>
                                <a href="#" data-summary-path=p.path.clone() on:click=move |ev| {
                                    ev.prevent_default();
                                    match &missing_key {
                                        Some(key) => focus_missing_row(studio, &target, key),
                                        None => focus_field(&target),
                                    }
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
    focus_when_built(path.to_string(), None, 10);
}

/// Moves focus to where the missing row `key` of the map at `path` is filled in: its typed
/// control if it has one (a hyperparameter the algorithm knows), else a new row with that key,
/// added as a step of its own, whose value gets focus.
fn focus_missing_row(studio: Studio, path: &str, key: &str) {
    if studio.image_facts.with_untracked(|facts| facts.covers(key)) {
        let quoted = key.replace('"', "\\\"");
        return focus_when_built(path.to_string(), Some(format!("[data-hyperparameter=\"{quoted}\"]")), 10);
    }
    let map = FormPath::parse(path);
    let row = studio.draft.with_untracked(|d| d.row_named(&map, key)).unwrap_or_else(|| {
        studio.change_layout(|d| {
            if d.push(&map).is_some() {
                let last = d.ids(&map).len() - 1;
                d.set_key(&map, last, key);
            }
        });
        studio.draft.with_untracked(|d| d.ids(&map).len().saturating_sub(1))
    });
    focus_field(&map.item(row).child("value").to_string());
}

/// Focuses `wanted` (a selector) once it is built, else the control for `path` (see
/// [`focus_field`]).
fn focus_when_built(path: String, wanted: Option<String>, attempts: u32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if unfold_groups_around(&document, &path) && attempts > 0 {
        return again_soon(path, wanted, attempts - 1);
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
    if let Some(found) = wanted.as_deref().and_then(|w| document.query_selector(w).ok().flatten()) {
        return focus_and_unfold(found);
    }
    if wanted.is_some() && attempts > 0 {
        return again_soon(path, wanted, attempts - 1);
    }
    let found = document
        .query_selector(&selectors[0])
        .ok()
        .flatten()
        .or_else(required_inside)
        .or_else(|| selectors[1..].iter().find_map(|selector| document.query_selector(selector).ok().flatten()));
    if found.is_none() && attempts > 0 {
        return again_soon(path, wanted, attempts - 1); // not drawn yet, such as a row just added
    }
    if let Some(element) = found {
        focus_and_unfold(element);
    }
}

/// Unfolds every folded section or group around `element`, not just the nearest, then focuses
/// it; the page's scroll padding keeps it clear of the sticky toolbar.
fn focus_and_unfold(element: web_sys::Element) {
    let mut folded = element.closest("details").ok().flatten();
    while let Some(details) = folded {
        let _ = details.set_attribute("open", "");
        folded = details.parent_element().and_then(|p| p.closest("details").ok().flatten());
    }
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
        // Focus leaves an element alone if any of it shows, even under the toolbar: then it is
        // scrolled to the top, where the page's scroll padding keeps it clear.
        let toolbar_bottom = document()
            .query_selector("nav.toolbar")
            .ok()
            .flatten()
            .map_or(0.0, |bar| bar.get_bounding_client_rect().bottom());
        let rect = element.get_bounding_client_rect();
        let window_height = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(f64::MAX);
        if rect.top() < toolbar_bottom || rect.bottom() > window_height {
            element.scroll_into_view();
        }
    }
}

fn again_soon(path: String, wanted: Option<String>, attempts: u32) {
    set_timeout(move || focus_when_built(path, wanted, attempts), std::time::Duration::from_millis(20));
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
