//! One control for a scalar member, chosen by the member's kind in the catalogue: a text box
//! (numbers stay text, so `12a` stays on screen and is flagged), a three-state select for
//! booleans (unset is not `false`), a select for enums, and a searchable, grouped picker for the
//! long instance-type lists.

use leptos::prelude::*;

use super::cell::DraftCell;
use super::{dom_id, Studio};
use crate::core::catalogue::{self, Kind};
use crate::core::enum_picker::by_family;
use crate::core::path::FormPath;
use crate::core::problem::Severity;

/// Enums longer than this get a search box and groups.
const PICKER_THRESHOLD: usize = 30;

/// One scalar member's control, with its label, help, limits and messages; the member's kind in
/// the catalogue picks the widget (see the module docs).
#[component]
pub fn Field(
    /// The member's path in the request, such as `ResourceConfig.InstanceType`: it finds the
    /// shape, help and messages.
    path: FormPath,
    /// What the control is called on screen.
    label: String,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let names = path.member_names();
    let shape = catalogue::shape_at(&names).expect("form fields are in the catalogue");
    let required = catalogue::is_required(&names);
    let help = studio.help_for(&path);
    // The text form, written once: the `data-path` hook, the element ids and the messages' key.
    let data_path = path.to_string();
    let control_id = dom_id("field", &data_path);
    let messages_id = dom_id("messages", &data_path);
    let help_id = dom_id("help", &data_path);
    let path = StoredValue::new(path);

    let cell = DraftCell::new(studio, move |d| d.text(&path.read_value()));
    let text = move || cell.get();
    // One edit for every widget: the text box binds to it, the selects set it.
    let bound = cell.bound(move |d, text| {
        d.set_text(&path.read_value(), text);
        false
    });
    let typed_in = bound.1.clone();
    let set_text = move |value: String| typed_in.set(value);
    let messages = studio.messages.at(&data_path);
    let has_error = Memo::new(move |_| messages.with(|ps| ps.iter().any(|p| p.severity == Severity::Error)));
    let has_error = move || has_error.get();
    let described_by = format!("{messages_id} {help_id}");

    let control = match shape.kind {
        Kind::Boolean => view! {
            <select id=control_id.clone() data-path=data_path.clone() aria-describedby=described_by
                aria-invalid=move || has_error().to_string() on:change=move |ev| set_text(event_target_value(&ev))>
                <option value="" selected=move || text().is_empty()>"(not set)"</option>
                <option value="true" selected=move || text() == "true">"true"</option>
                <option value="false" selected=move || text() == "false">"false"</option>
                {move || {
                    let current = text();
                    (!matches!(current.as_str(), "" | "true" | "false"))
                        .then(|| view! { <option value=current.clone() selected=true>{format!("{current} (not a boolean)")}</option> })
                }}
            </select>
        }
        .into_any(),
        _ if shape.enum_values.is_empty() => {
            let numeric = matches!(shape.kind, Kind::Integer | Kind::Long);
            view! {
                <input id=control_id.clone() type="text" inputmode=if numeric { "numeric" } else { "text" }
                    autocomplete="off" spellcheck="false" data-path=data_path.clone() aria-describedby=described_by
                    aria-invalid=move || has_error().to_string()
                    bind:value=bound.clone()/>
            }
            .into_any()
        }
        _ => {
            let search = RwSignal::new(String::new());
            let picker = shape.enum_values.len() > PICKER_THRESHOLD;
            if picker {
                // A value put here from elsewhere (an import, undo) that the filter would hide
                // clears the filter, so the select shows what the form holds.
                Effect::new(move |_| {
                    let current = cell.get().to_ascii_lowercase();
                    if search.with_untracked(|s| !current.contains(s.trim().to_ascii_lowercase().as_str())) {
                        search.set(String::new());
                    }
                });
            }
            // The options are built when the select is first used: a maximum-size request has
            // dozens of selects, some with 200 instance types, and most are never opened.
            let opened = RwSignal::new(false);
            let open = move || {
                if !opened.get_untracked() {
                    opened.set(true)
                }
            };
            view! {
                {picker.then(|| view! {
                    <input type="search" class="picker-search" placeholder="Filter, e.g. p4d or g5" autocomplete="off"
                        aria-label=format!("Filter {}", label.to_ascii_lowercase()) data-picker-for=data_path.clone()
                        bind:value=search on:input=move |_| open()/>
                })}
                <select id=control_id.clone() data-path=data_path.clone() aria-describedby=described_by
                    aria-invalid=move || has_error().to_string() on:change=move |ev| set_text(event_target_value(&ev))
                    on:focus=move |_| open() on:pointerdown=move |_| open()>
                    {move || enum_options(shape.enum_values, &text(), opened.get(), &search.get())}
                </select>
            }
            .into_any()
        }
    };

    let counter = (matches!(shape.kind, Kind::String) && shape.enum_values.is_empty())
        .then_some(shape.max)
        .flatten()
        .map(|max| view! { <span class="counter">{move || cell.with(|t| format!("{}/{max}", t.chars().count()))}</span> });

    view! {
        <div class="field" class:invalid=has_error>
            <label for=control_id>
                {label.clone()}
                {required.then(|| view! { <span class="required">" (required)"</span> })}
            </label>
            {control}
            <div class="hint" id=help_id>
                <span class="hint-text"><span class="help">{help}</span>" "<span class="constraints">{shape.hint()}</span></span>
                {counter}
            </div>
            <Messages path=data_path.clone() id=messages_id/>
        </div>
    }
}

/// The options of an enum select: "(not set)", an imported value the model does not know
/// (kept and shown, never dropped), and, once opened, every value. Long lists (instance types)
/// are grouped by family, such as `ml.p4d.24xlarge` under `p4d`, and narrowed by the search text.
fn enum_options(values: &'static [&'static str], current: &str, opened: bool, search: &str) -> AnyView {
    let option = |v: &str, shown: String| view! { <option value=v.to_string() selected=v == current>{shown}</option> };
    let unknown =
        (!current.is_empty() && !values.contains(&current)).then(|| option(current, format!("{current} (unknown)")));
    let head = (option("", "(not set)".into()), unknown);
    if !opened {
        let current = values.iter().find(|v| **v == current).map(|v| option(v, v.to_string()));
        return (head, current).into_any();
    }
    if values.len() <= PICKER_THRESHOLD {
        return (head, values.iter().map(|v| option(v, v.to_string())).collect_view()).into_any();
    }
    let groups = by_family(values, search, current)
        .into_iter()
        .map(|(family, members)| {
            view! { <optgroup label=family>{members.into_iter().map(|v| option(v, v.to_string())).collect_view()}</optgroup> }
        })
        .collect_view();
    (head, groups).into_any()
}

/// The messages of one control: validation problems, and the service's complaint if it named
/// this field.
#[component]
pub fn Messages(
    /// The path whose problems are shown, as problems name it.
    #[prop(into)]
    path: String,
    /// The element's id, which its control names in `aria-describedby` so screen readers read
    /// the messages with it.
    id: String,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let problems = studio.messages.at(&path);
    view! {
        <div class="messages" id=id data-error-for=path aria-live="polite">
            {move || {
                problems.with(|ps| {
                    ps.iter()
                        .map(|p| {
                            let class = if p.severity == Severity::Error { "problem error" } else { "problem warning" };
                            view! {
                                <p class=class data-code=p.code>
                                    {p.message.clone()}
                                    {p.detail.clone().map(|d| view! { <span class="detail">{d}</span> })}
                                </p>
                            }
                        })
                        .collect_view()
                })
            }}
        </div>
    }
}
