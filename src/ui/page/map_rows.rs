//! A string map (HyperParameters, Environment, rule parameters) as rows of name and value.
//! Rows are keyed by a stable id, not by content, so focus stays in the box being typed in.

use leptos::prelude::*;

use super::cell::DraftCell;
use super::field::Messages;
use super::member::add_and_focus;
use super::near_view::{near_view, ROWS_AT_ONCE};
use super::typed_hyperparameters::TypedHyperparameters;
use super::{dom_id, Studio};
use crate::core::catalogue;
use crate::core::path::FormPath;

/// A string map as name/value rows with an add button, under its help and messages. The
/// hyperparameters also get their typed controls, above the rows.
#[component]
pub fn MapRows(
    /// The map's path in the request, such as `HyperParameters` or `Environment`.
    path: FormPath,
    /// The map's label, which names each row's boxes for screen readers and the add button.
    noun: String,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let shape = catalogue::shape_at(&path.member_names()).expect("map members are in the catalogue");
    let data_path = path.to_string();
    let map_path = StoredValue::new(path.clone());
    let ids = move || studio.read_layout(|d| d.ids(&map_path.read_value()));
    let add_noun = noun.to_ascii_lowercase();
    let help = studio.help_for(&path);
    view! {
        <div class="map-editor">
            <p class="hint">{help} " " <span class="constraints">{shape.hint()}</span></p>
            <Messages path=data_path.clone() id=dom_id("messages", &data_path)/>
            {(data_path == "HyperParameters").then(|| view! { <TypedHyperparameters/> })}
            <ol class="rows">
                <For each=ids key=|id| *id children=move |id| view! { <MapRow path=map_path noun=noun.clone() id=id/> }/>
            </ol>
            <button type="button" data-action="add" data-path=data_path.clone() on:click=move |_| add_and_focus(studio, &map_path.read_value())>{format!("Add {add_noun} entry")}</button>
        </div>
    }
}

/// One name/value row with a remove button. Built only when near the viewport, and hidden while a
/// typed hyperparameter control edits the same name.
#[component]
fn MapRow(
    /// The map's path, shared by all its rows.
    path: StoredValue<FormPath>,
    /// The map's label, which names this row's boxes and remove button.
    noun: String,
    /// The row's stable id in the draft; its position, and so its path, follow from it.
    id: u64,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    // The row's position names it (HyperParameters[2].value); it changes when a row above goes.
    let index = studio.position_of(path, id);
    let node = NodeRef::<leptos::html::Li>::new();
    let built = near_view(node, index.get_untracked() < ROWS_AT_ONCE);
    // A hyperparameter with a typed control (behaviour §10) is edited there, not here. Judged when rows
    // come or go, not while its name is typed, so a row never vanishes under the cursor.
    let typed_elsewhere = Memo::new(move |_| {
        let map = path.read_value();
        map.to_string() == "HyperParameters"
            && studio.image_facts.with(|facts| studio.read_layout(|d| facts.covers(&d.key(&map, index.get()))))
    });
    move || {
        let i = index.get();
        let row = StoredValue::new(path.read_value().item(i));
        let row_path = row.read_value().to_string();
        let noun = noun.clone();
        let contents_path = row_path.clone();
        let contents = move || {
            let row_path = contents_path.clone();
            let key_path = row.read_value().child("key").to_string();
            let value_path = row.read_value().child("value").to_string();
            let key = DraftCell::new(studio, move |d| d.key(&path.read_value(), i));
            let value = DraftCell::new(studio, move |d| d.text(&row.read_value()));
            view! {
                <input type="text" placeholder="name" aria-label=format!("{noun} {} name", i + 1) autocomplete="off"
                    data-path=key_path.clone() aria-describedby=dom_id("messages", &key_path)
                    bind:value=key.bound(move |d, text| {
                        d.set_key(&path.read_value(), i, text);
                        false
                    })/>
                <input type="text" placeholder="value" aria-label=format!("{noun} {} value", i + 1) autocomplete="off"
                    data-path=value_path.clone() aria-describedby=dom_id("messages", &value_path)
                    bind:value=value.bound(move |d, text| {
                        d.set_text(&row.read_value(), text);
                        false
                    })/>
                <button type="button" data-action="remove" data-path=row_path.clone()
                    aria-label=format!("Remove {noun} {}", i + 1)
                    on:click=move |_| studio.change_layout(|d| d.remove(&path.read_value(), id))>"Remove"</button>
                <Messages path=key_path.clone() id=dom_id("messages", &key_path)/>
                <Messages path=value_path.clone() id=dom_id("messages", &value_path)/>
            }
        };
        view! {
            <li class="row" data-row=row_path node_ref=node hidden=move || typed_elsewhere.get()>
                {move || (built.get() && !typed_elsewhere.get()).then(contents.clone())}
            </li>
        }
    }
}
