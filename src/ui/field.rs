//! One control for a request member, chosen by the member's kind in the catalogue: a select for
//! enums (instance types grouped by family), a text box otherwise. Numbers stay text, so that
//! `12a` stays on screen and is flagged instead of vanishing.

use leptos::prelude::*;

use super::{dom_id, Studio};
use crate::core::catalogue::{self, Kind};
use crate::core::draft::member_names;

#[component]
pub fn Field(path: &'static str, label: &'static str, help: &'static str) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let names = member_names(path);
    let shape = catalogue::shape_at(&names).expect("form fields are in the catalogue");
    let required = catalogue::is_required(&names);
    let control_id = dom_id("field", path);
    let messages_id = dom_id("messages", path);
    let help_id = dom_id("help", path);

    let text = move || studio.draft.with(|d| d.text(path));
    let set_text = move |value: String| studio.draft.update(|d| d.set_text(path, value));
    let has_error =
        move || !studio.problems_at(path).is_empty() || studio.service_paths.with(|s| s.iter().any(|p| p == path));
    let described_by = format!("{messages_id} {help_id}");

    let control = if shape.enum_values.is_empty() {
        let numeric = matches!(shape.kind, Kind::Integer | Kind::Long);
        view! {
            <input
                id=control_id.clone()
                type="text"
                inputmode=if numeric { "numeric" } else { "text" }
                autocomplete="off"
                spellcheck="false"
                data-path=path
                aria-describedby=described_by
                aria-invalid=move || has_error().to_string()
                prop:value=text
                on:input=move |ev| set_text(event_target_value(&ev))
            />
        }
        .into_any()
    } else {
        view! {
            <select
                id=control_id.clone()
                data-path=path
                aria-describedby=described_by
                aria-invalid=move || has_error().to_string()
                on:change=move |ev| set_text(event_target_value(&ev))
            >
                <option value="" selected=move || text().is_empty()>"(not set)"</option>
                // An imported value that the model does not know is kept and shown, never dropped.
                {move || {
                    let current = text();
                    (!current.is_empty() && !shape.enum_values.contains(&current.as_str())).then(|| {
                        view! { <option value=current.clone() selected=true>{format!("{current} (unknown)")}</option> }
                    })
                }}
                {enum_options(shape.enum_values, text)}
            </select>
        }
        .into_any()
    };

    let counter = matches!(shape.kind, Kind::String).then(|| {
        shape.max.filter(|_| shape.enum_values.is_empty()).map(|max| {
            view! { <span class="counter">{move || format!("{}/{max}", text().chars().count())}</span> }
        })
    });

    view! {
        <div class="field" class:invalid=has_error>
            <label for=control_id>
                {label}
                {required.then(|| view! { <span class="required">" (required)"</span> })}
            </label>
            {control}
            <div class="hint" id=help_id>
                <span>{help}</span>
                " "
                <span class="constraints">{shape.hint()}</span>
                {counter}
            </div>
            <Messages path=path id=messages_id/>
        </div>
    }
}

/// The options of an enum select. Instance types (over a hundred) are grouped by family, such as
/// `ml.p4d.24xlarge` under `p4d`, so that the list can be scanned.
fn enum_options(
    values: &'static [&'static str],
    text: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let option = move |v: &'static str| view! { <option value=v selected=move || text() == v>{v}</option> };
    if values.len() < 30 {
        return values.iter().map(|v| option(v)).collect_view().into_any();
    }
    let mut groups: Vec<(&str, Vec<&'static str>)> = Vec::new();
    for v in values {
        let family = v.split('.').nth(1).unwrap_or(v);
        match groups.iter_mut().find(|(f, _)| *f == family) {
            Some((_, members)) => members.push(v),
            None => groups.push((family, vec![v])),
        }
    }
    groups
        .into_iter()
        .map(|(family, members)| view! { <optgroup label=family>{members.into_iter().map(option).collect_view()}</optgroup> })
        .collect_view()
        .into_any()
}

/// The messages of one control: validation problems, and the service's complaint if it named
/// this field.
#[component]
pub fn Messages(#[prop(into)] path: String, id: String) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let for_service = path.clone();
    let for_problems = path.clone();
    view! {
        <div class="messages" id=id data-error-for=path aria-live="polite">
            {move || {
                studio
                    .problems_at(&for_problems)
                    .into_iter()
                    .map(|p| {
                        view! {
                            <p class=format!("problem {}", if p.severity == crate::core::problem::Severity::Error { "error" } else { "warning" }) data-code=p.code>
                                {p.message}
                                {p.detail.map(|d| view! { <span class="detail">{d}</span> })}
                            </p>
                        }
                    })
                    .collect_view()
            }}
            {move || {
                studio
                    .service_paths
                    .with(|s| s.iter().any(|p| *p == for_service))
                    .then(|| view! { <p class="problem error" data-code="service">"The service rejected this value; see the submit result."</p> })
            }}
        </div>
    }
}
