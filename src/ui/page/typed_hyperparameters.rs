//! Typed hyperparameter controls (behaviour §10): for a built-in algorithm the catalogue knows, each of
//! its hyperparameters gets a control above the free rows, with its range or allowed values, a
//! mark when it is required, its default as a placeholder and a line of help. The body stays
//! the plain string map: a control edits the row of its name, adding it on the first character
//! and removing it when emptied. What the algorithm accepts comes from the algorithm worker
//! ([`Studio::image_facts`]).

use leptos::prelude::*;

use super::cell::DraftCell;
use super::field::Messages;
use super::{dom_id, Studio};
use crate::core::algorithm::HyperparameterKind;
use crate::core::path::FormPath;
use crate::core::problem::Severity;
use crate::core::protocol::algorithm::TypedHyperparameter;

const MAP: &str = "HyperParameters";

/// The typed controls, between the hyperparameters' messages and their free rows: the required
/// ones first, then the optional ones behind a disclosure with a filter box, so that the Tab key
/// passes them in one step and a name is found without reading them all.
#[component]
pub fn TypedHyperparameters() -> impl IntoView {
    let studio = expect_context::<Studio>();
    move || {
        studio.image_facts.with(|facts| {
            let (algorithm, hyperparameters) = facts.typed()?;
            let intro = format!(
                "{algorithm} reads these {} hyperparameters. Anything else goes in the rows below.",
                hyperparameters.len()
            );
            let (required, optional): (Vec<_>, Vec<_>) = hyperparameters.into_iter().partition(|h| h.required);
            let optional_count = optional.len();
            let names: Vec<String> = optional.iter().map(|h| h.name.clone()).collect();
            // Open at first if any optional one has a value, so that nothing set is out of sight.
            let any_set = studio.draft.with_untracked(|d| {
                let map = FormPath::default().child(MAP);
                names.iter().any(|n| d.row_named(&map, n).is_some())
            });
            let filter = RwSignal::new(String::new());
            Some(view! {
                <div class="typed-hyperparameters" data-typed-for=algorithm>
                    <p class="hint">{intro}</p>
                    <div class="typed-grid">
                        {required.into_iter().map(|spec| view! { <HyperparameterControl spec filter/> }).collect_view()}
                    </div>
                    <details class="group" data-typed-optional="" open=any_set>
                        <summary>{format!("{optional_count} optional hyperparameters")}</summary>
                        <input type="search" class="picker-search" data-hyperparameter-filter="" autocomplete="off"
                            placeholder="Filter by name" aria-label="Filter the optional hyperparameters by name"
                            bind:value=filter/>
                        <div class="typed-grid">
                            {optional.into_iter().map(|spec| view! { <HyperparameterControl spec filter/> }).collect_view()}
                        </div>
                    </details>
                </div>
            })
        })
    }
}

/// One hyperparameter's control.
#[component]
fn HyperparameterControl(
    /// The hyperparameter as the worker describes it.
    spec: TypedHyperparameter,
    /// The filter box's text: the control hides unless its name contains it.
    filter: RwSignal<String>,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let TypedHyperparameter { name, kind, values, required, default, help, expects } = spec;
    let stored_name = StoredValue::new(name.clone());
    let map = StoredValue::new(FormPath::default().child(MAP));
    // Like every control, it re-reads the draft only when it writes or rows come and go (a
    // typed control's first character adds its row), not on every keystroke elsewhere.
    let value_path = Memo::new(move |_| {
        studio.read_layout(|d| {
            d.row_named(&map.read_value(), &stored_name.read_value())
                .map(|i| map.read_value().item(i).child("value").to_string())
                .unwrap_or_default()
        })
    });
    let path_or_none = move || value_path.with(|p| (!p.is_empty()).then(|| p.clone()));
    let value = DraftCell::new(studio, move |d| {
        let map = map.read_value();
        d.row_named(&map, &stored_name.read_value()).map(|i| d.text(&map.item(i))).unwrap_or_default()
    });
    // One edit for both widgets: the text box binds to it, the select sets it.
    let bound = value.bound(move |d, text| d.set_named(&map.read_value(), &stored_name.read_value(), &text));
    let typed_in = bound.1.clone();
    let write = move |text: String| typed_in.set(text);
    let control_id = dom_id("hyperparameter", &name);
    let help_id = dom_id("hyperparameter-help", &name);
    // Its messages keep one id whichever row holds its value.
    let messages_id = dom_id("hyperparameter-messages", &name);
    let described_by = format!("{messages_id} {help_id}");
    // A missing required one is reported on the map as a whole, just above these controls.
    let invalid = move || {
        path_or_none()
            .is_some_and(|p| studio.messages.at(&p).with(|ps| ps.iter().any(|p| p.severity == Severity::Error)))
    };
    let control = if kind == HyperparameterKind::Categorical {
        let unset = match &default {
            Some(d) => format!("(not set: default {d})"),
            None => "(not set)".into(),
        };
        let allowed = values.clone();
        view! {
            <select id=control_id.clone() data-hyperparameter=name.clone() data-path=path_or_none
                aria-describedby=described_by.clone() aria-invalid=move || invalid().to_string()
                on:change=move |ev| write(event_target_value(&ev))>
                <option value="" selected=move || value.with(String::is_empty)>{unset}</option>
                // A value from elsewhere that is not allowed is kept and shown, never dropped.
                {move || {
                    let current = value.get();
                    (!current.is_empty() && !allowed.iter().any(|v| v.eq_ignore_ascii_case(current.trim()))).then(|| {
                        view! { <option value=current.clone() selected=true>{format!("{current} (not allowed)")}</option> }
                    })
                }}
                {values.into_iter().map(|v| {
                    let selected = v.clone();
                    view! { <option value=v.clone() selected=move || value.with(|c| c.trim().eq_ignore_ascii_case(&selected))>{v.clone()}</option> }
                }).collect_view()}
            </select>
        }
        .into_any()
    } else {
        let input_mode = match kind {
            HyperparameterKind::Integer => "numeric",
            HyperparameterKind::Continuous => "decimal",
            _ => "text",
        };
        view! {
            <input id=control_id.clone() type="text" autocomplete="off" spellcheck="false" inputmode=input_mode
                data-hyperparameter=name.clone() data-path=path_or_none
                placeholder=default.map(|d| format!("default {d}")).unwrap_or_default()
                aria-describedby=described_by aria-invalid=move || invalid().to_string()
                bind:value=bound.clone()/>
        }
        .into_any()
    };
    // "An integer of at least 1", after the help line.
    let hint = match kind {
        HyperparameterKind::Integer | HyperparameterKind::Continuous => expects
            .get(..1)
            .map(|first| format!("{}{}.", first.to_ascii_uppercase(), &expects[1..]))
            .unwrap_or_default(),
        _ => String::new(),
    };
    let lower_name = name.to_ascii_lowercase();
    let filtered_out = move || filter.with(|f| !lower_name.contains(f.trim().to_ascii_lowercase().as_str()));
    view! {
        <div class="field typed" hidden=filtered_out>
            <label for=control_id>
                <code>{name}</code>
                {required.then(|| view! { <span class="required">" (required)"</span> })}
            </label>
            {control}
            <div class="hint" id=help_id>
                <span>{help}</span>
                " "
                <span class="constraints">{hint}</span>
            </div>
            {move || path_or_none().map(|p| view! { <Messages path=p id=messages_id.clone()/> })}
        </div>
    }
}
