//! HyperParameters as rows of name and value. Rows are keyed by a stable id, not by content,
//! so focus stays in the box being typed in.

use leptos::prelude::*;

use super::field::Messages;
use super::{dom_id, Studio};
use crate::core::catalogue;
use crate::core::draft::{MapRow, HYPERPARAMETERS};

#[component]
pub fn HyperParameters() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let shape = catalogue::shape_at(&[HYPERPARAMETERS]).expect("in the catalogue");
    let rows = move || {
        studio
            .draft
            .with(|d| d.hyperparameters.iter().map(|r| r.id).collect::<Vec<_>>())
    };
    view! {
        <div class="map-editor">
            <p class="hint">
                "Names and values passed to the training container as strings. Do not put secrets here. "
                <span class="constraints">{shape.hint()}</span>
            </p>
            <Messages path=HYPERPARAMETERS id=dom_id("messages", HYPERPARAMETERS)/>
            <ol class="rows">
                <For each=rows key=|id| *id children=move |id| view! { <Row id=id/> }/>
            </ol>
            <button type="button" data-action="add" data-path=HYPERPARAMETERS on:click=move |_| {
                studio.draft.update(|d| {
                    d.add_row();
                });
            }>"Add hyperparameter"</button>
        </div>
    }
}

#[component]
fn Row(id: u64) -> impl IntoView {
    let studio = expect_context::<Studio>();
    // The row's position, for paths such as HyperParameters[2].value; it changes when rows above go.
    let index = Memo::new(move |_| {
        studio.draft.with(|d| {
            d.hyperparameters
                .iter()
                .position(|r| r.id == id)
                .unwrap_or(0)
        })
    });
    let read = move |pick: fn(&MapRow) -> String| {
        studio.draft.with(|d| {
            d.hyperparameters
                .iter()
                .find(|r| r.id == id)
                .map(pick)
                .unwrap_or_default()
        })
    };
    let write = move |apply: &dyn Fn(&mut MapRow)| {
        studio.draft.update(|d| {
            if let Some(row) = d.hyperparameters.iter_mut().find(|r| r.id == id) {
                apply(row)
            }
        })
    };
    view! {
        {move || {
            let i = index.get();
            let key_path = format!("{HYPERPARAMETERS}[{i}].key");
            let value_path = format!("{HYPERPARAMETERS}[{i}].value");
            view! {
                <li class="row">
                    <input type="text" placeholder="name" aria-label=format!("Hyperparameter {} name", i + 1)
                        data-path=key_path.clone() aria-describedby=dom_id("messages", &key_path)
                        prop:value=move || read(|r| r.key.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); write(&|r| r.key = v.clone()) }/>
                    <input type="text" placeholder="value" aria-label=format!("Hyperparameter {} value", i + 1)
                        data-path=value_path.clone() aria-describedby=dom_id("messages", &value_path)
                        prop:value=move || read(|r| r.value.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); write(&|r| r.value = v.clone()) }/>
                    <button type="button" data-action="remove" data-path=format!("{HYPERPARAMETERS}[{i}]")
                        aria-label=format!("Remove hyperparameter {}", i + 1)
                        on:click=move |_| studio.draft.update(|d| d.hyperparameters.retain(|r| r.id != id))>"Remove"</button>
                    <Messages path=key_path.clone() id=dom_id("messages", &key_path)/>
                    <Messages path=value_path.clone() id=dom_id("messages", &value_path)/>
                </li>
            }
        }}
    }
}
