//! Views the page and the panels both draw.

use leptos::prelude::*;

use crate::core::problem::plural;

/// What an import left out and what else it did, as the Import box and the job panel's clone
/// show them (the `data-import` hooks).
pub fn report_lists(left_out: Vec<String>, notes: Vec<String>) -> impl IntoView {
    view! {
        {(!left_out.is_empty()).then(|| view! {
            <p>"Left out:"</p>
            <ul data-import="left-out">{left_out.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
        })}
        {(!notes.is_empty()).then(|| view! {
            <p>"Also:"</p>
            <ul data-import="notes">{notes.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
        })}
    }
}

/// A warning next to the buttons that copy, download or export the request, while it has errors:
/// what leaves the page that way is what the service would probably reject.
#[component]
pub fn ErrorsNote(
    /// Which buttons it sits by (`preview`, `export`), as its `data-errors-note`.
    place: &'static str,
    /// How many errors the request has now.
    #[prop(into)]
    errors: Signal<usize>,
) -> impl IntoView {
    move || {
        let errors = errors.get();
        (errors > 0).then(|| {
            view! {
                <p class="problem error" data-errors-note=place>
                    {format!("The request has {}, so the service will probably reject it as it is: see the list at the top of the form.",
                        plural(errors, "error", "errors"))}
                </p>
            }
        })
    }
}
