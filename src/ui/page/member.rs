//! Renders any member of the request from its shape in the catalogue: structures as groups of
//! fields, lists of structures with add, remove and move, lists of text as rows, maps as
//! name/value rows, scalars as a [`Field`]. Choices that the service allows only one of (the
//! data source of a channel; a training image or an algorithm) are shown as a choice.

use leptos::prelude::*;

use super::cell::DraftCell;
use super::field::{Field, Messages};
use super::image_picker::ImagePicker;
use super::map_rows::MapRows;
use super::near_view::{near_view, ITEMS_AT_ONCE, ROWS_AT_ONCE};
use super::{dom_id, Studio};
use crate::core::catalogue::{self, Kind, ShapeId};
use crate::core::help::label as label_of;
use crate::core::path::FormPath;
use crate::core::rules::alternatives;

/// The control or group for the member at `path`.
pub fn member_view(path: FormPath, id: ShapeId, name: &'static str) -> AnyView {
    let shape = catalogue::shape(id);
    let label = label_of(name);
    match shape.kind {
        Kind::Structure(_) => view! { <StructGroup path=path id=id label=label/> }.into_any(),
        Kind::List(item) if matches!(catalogue::shape(item).kind, Kind::Structure(_)) => {
            view! { <StructList path=path item=item label=label/> }.into_any()
        }
        Kind::List(_) => view! { <TextList path=path label=label/> }.into_any(),
        Kind::Map(..) => view! {
            <fieldset class="group">
                <legend>{label.clone()}</legend>
                <MapRows path=path noun=label/>
            </fieldset>
        }
        .into_any(),
        _ => view! { <Field path=path label=label/> }.into_any(),
    }
}

/// A structure as a group. Optional groups inside a member start folded unless they hold
/// something, so the form stays short; top-level members and required groups are always open.
/// A folded group's controls are built when it is first opened: a maximum-size request has
/// hundreds of folded groups, and building them all made import slow.
#[component]
fn StructGroup(
    /// The structure's path in the request; a nested one that is optional starts folded.
    path: FormPath,
    /// The structure's shape in the catalogue, which lists its members.
    id: ShapeId,
    /// The group's title.
    label: String,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let nested = !path.is_top_level();
    let required = catalogue::is_required(&path.member_names());
    let data_group = path.to_string();
    if nested && !required {
        let open = RwSignal::new(false);
        let built = RwSignal::new(false);
        // A group that comes to hold something (an import, a loaded draft) opens.
        let holds_path = path.clone();
        Effect::new(move |_| {
            if studio.read_layout(|d| d.is_set(&holds_path)) {
                open.set(true);
                built.set(true);
            }
        });
        let contents_path = path.clone();
        view! {
            <details class="group" data-group=data_group prop:open=move || open.get()
                on:toggle=move |ev| {
                    let opened = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    open.set(opened);
                    if opened && !built.get_untracked() {
                        built.set(true);
                    }
                }>
                <summary>{label}</summary>
                {move || built.get().then(|| group_contents(studio, contents_path.clone(), id))}
            </details>
        }
        .into_any()
    } else {
        view! {
            <fieldset class="group" data-group=data_group.clone()>
                <legend>{label}</legend>
                // behaviour §10: the image picker heads the algorithm's fields.
                {(data_group == "AlgorithmSpecification").then(|| view! { <ImagePicker/> })}
                {group_contents(studio, path.clone(), id)}
            </fieldset>
        }
        .into_any()
    }
}

/// The members of a structure, with the service's one-of choices shown as a choice of which
/// only the chosen member's controls exist.
fn group_contents(studio: Studio, path: FormPath, id: ShapeId) -> AnyView {
    let shape = catalogue::shape(id);
    let choice = Some(alternatives(shape.name)).filter(|members| !members.is_empty());
    let data_path = path.to_string();

    let chooser = choice.map(|options| {
        let paths: Vec<FormPath> = options.iter().map(|o| path.child(o)).collect();
        // What the draft holds decides; the user's pick counts while nothing is filled in.
        let preferred = RwSignal::new(0usize);
        let set_paths = paths.clone();
        let chosen = Memo::new(move |_| {
            studio.draft.with(|d| set_paths.iter().position(|p| d.is_set(p))).unwrap_or_else(|| preferred.get())
        });
        (options, paths, preferred, chosen)
    });

    let members = shape
        .members()
        .iter()
        .map(|m| {
            let member_path = path.child(m.name);
            match &chooser {
                Some((options, _, _, chosen)) if options.contains(&m.name) => {
                    let index = options.iter().position(|o| *o == m.name).unwrap_or(0);
                    let chosen = *chosen;
                    // The chosen member, and any other that holds something (which the rules
                    // flag), so that nothing sent is out of sight.
                    let set_path = member_path.clone();
                    let shown = Memo::new(move |_| chosen.get() == index || studio.draft.with(|d| d.is_set(&set_path)));
                    (move || shown.get().then(|| member_view(member_path.clone(), m.shape, m.name))).into_any()
                }
                _ => member_view(member_path, m.shape, m.name),
            }
        })
        .collect_view();
    let chooser_view = chooser.map(|(options, paths, preferred, chosen)| {
        let group = dom_id("choice", &data_path);
        let radios = options
            .iter()
            .enumerate()
            .map(|(i, option)| {
                let paths = paths.clone();
                let id = format!("{group}-{option}");
                let label_for = id.clone();
                view! {
                    <label class="choice" for=label_for>
                        <input type="radio" id=id name=group.clone() data-choice=data_path.clone() value=*option
                            prop:checked=move || chosen.get() == i
                            on:change=move |_| {
                                // Only one may be sent: the others' values are set aside, and
                                // come back when the user switches back (behaviour §12).
                                studio.change_layout(|d| d.choose(&paths, i));
                                preferred.set(i);
                            }/>
                        {label_of(option)}
                    </label>
                }
            })
            .collect_view();
        view! { <div class="choices" role="radiogroup" aria-label=label_of(shape.name)>{radios}</div> }
    });

    let help = studio.help_for(&path);
    view! {
        <p class="hint">{help}</p>
        <Messages path=data_path.clone() id=dom_id("messages", &data_path)/>
        {chooser_view}
        {members}
        <super::unknown_members::UnknownMembers path=path section=None/>
    }
    .into_any()
}

/// Adds an item or row at the end of the list or map at `path` and moves focus into it, so that
/// keyboard users carry on typing there.
pub fn add_and_focus(studio: Studio, path: &FormPath) {
    let mut index = 0;
    studio.change_layout(|d| {
        d.push_new(path);
        index = d.ids(path).len().saturating_sub(1);
    });
    super::problems::focus_field(&path.item(index).to_string());
}

/// A list of structures: each item a group with remove and move buttons, and an add button.
#[component]
fn StructList(
    /// The list's path in the request.
    path: FormPath,
    /// The shape of each item, a structure; its name is what one item is called.
    item: ShapeId,
    /// The list's title.
    label: String,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let list_path = StoredValue::new(path.clone());
    let ids = move || studio.read_layout(|d| d.ids(&list_path.read_value()));
    let noun = label_of(catalogue::shape(item).name);
    let help = studio.help_for(&path);
    let add_noun = noun.clone();
    let hint = catalogue::shape_at(&path.member_names()).map(|s| s.hint());
    let data_path = path.to_string();
    view! {
        <fieldset class="group list" data-list=data_path.clone()>
            <legend>{label}</legend>
            <p class="hint">{help} " " <span class="constraints">{hint}</span></p>
            <Messages path=data_path.clone() id=dom_id("messages", &data_path)/>
            <For each=ids key=|id| *id children=move |id| {
                let noun = noun.clone();
                view! { <StructItem list_path=list_path item=item id=id noun=noun/> }
            }/>
            <button type="button" data-action="add" data-path=data_path.clone()
                on:click=move |_| add_and_focus(studio, &list_path.read_value())>
                {format!("Add {}", add_noun.to_ascii_lowercase())}
            </button>
        </fieldset>
    }
}

/// One item of a list of structures: its numbered title, move and remove buttons, and its
/// members' controls. Built only when near the viewport, as a big list has hundreds of items.
#[component]
fn StructItem(
    /// The list's path, shared by all its items.
    list_path: StoredValue<FormPath>,
    /// The item's shape, a structure, whose members it shows.
    item: ShapeId,
    /// The item's stable id in the draft; its position, and so its title and paths, follow from it.
    id: u64,
    /// What one item is called, such as "Channel"; numbered, it titles the item.
    noun: String,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    // The item's position names its paths; it changes when items above move or go.
    let index = studio.position_of(list_path, id);
    let count = Memo::new(move |_| studio.read_layout(|d| d.ids(&list_path.read_value()).len()));
    let is_last = move || index.get() + 1 >= count.get();
    // Tags read best as rows of key and value.
    let compact = catalogue::shape(item).name == "Tag";
    let node = NodeRef::<leptos::html::Div>::new();
    let built = near_view(node, index.get_untracked() < ITEMS_AT_ONCE);
    move || {
        let i = index.get();
        let item_path = list_path.read_value().item(i);
        let data_item = item_path.to_string();
        let title = format!("{noun} {}", i + 1);
        let contents = move || {
            let data_path = item_path.to_string();
            let title = title.clone();
            view! {
                <div class="item-bar">
                    <strong>{title.clone()}</strong>
                    <button type="button" data-action="move-up" data-path=data_path.clone() aria-label=format!("Move {title} up")
                        disabled=move || index.get() == 0
                        on:click=move |_| studio.change_layout(|d| d.shift(&list_path.read_value(), id, -1))>"↑"</button>
                    <button type="button" data-action="move-down" data-path=data_path.clone() aria-label=format!("Move {title} down")
                        disabled=is_last
                        on:click=move |_| studio.change_layout(|d| d.shift(&list_path.read_value(), id, 1))>"↓"</button>
                    <button type="button" data-action="remove" data-path=data_path.clone() aria-label=format!("Remove {title}")
                        on:click=move |_| studio.change_layout(|d| d.remove(&list_path.read_value(), id))>"Remove"</button>
                </div>
                <Messages path=data_path.clone() id=dom_id("messages", &data_path)/>
                {catalogue::shape(item).members().iter().map(|m| member_view(item_path.child(m.name), m.shape, m.name)).collect_view()}
            }
        };
        view! {
            <div class=if compact { "item compact" } else { "item" } data-item=data_item node_ref=node>
                {move || built.get().then(contents.clone())}
            </div>
        }
    }
}

/// A list of text values (subnets, entry point parts) as rows.
#[component]
fn TextList(
    /// The list's path in the request.
    path: FormPath,
    /// The list's title, which also names each row's box for screen readers.
    label: String,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let list_path = StoredValue::new(path.clone());
    let ids = move || studio.read_layout(|d| d.ids(&list_path.read_value()));
    let help = studio.help_for(&path);
    let shape = catalogue::shape_at(&path.member_names());
    let data_path = path.to_string();
    let item_hint = shape.and_then(|s| match s.kind {
        Kind::List(item) => Some(catalogue::shape(item).hint()),
        _ => None,
    });
    let row_label = label.clone();
    view! {
        <fieldset class="group text-list" data-list=data_path.clone()>
            <legend>{label}</legend>
            <p class="hint">{help} " " <span class="constraints">{shape.map(|s| s.hint())}</span>
                " " <span class="constraints">{item_hint.map(|h| format!("each: {h}"))}</span></p>
            <Messages path=data_path.clone() id=dom_id("messages", &data_path)/>
            <ol class="rows">
                <For each=ids key=|id| *id children=move |id| {
                    let row_label = row_label.clone();
                    let index = studio.position_of(list_path, id);
                    let node = NodeRef::<leptos::html::Li>::new();
                    let built = near_view(node, index.get_untracked() < ROWS_AT_ONCE);
                    move || {
                        let item_path = StoredValue::new(list_path.read_value().item(index.get()));
                        let data_row = item_path.read_value().to_string();
                        let row_label = row_label.clone();
                        let contents = move || {
                            let data_path = item_path.read_value().to_string();
                            let cell = DraftCell::new(studio, move |d| d.text(&item_path.read_value()));
                            view! {
                                <input type="text" autocomplete="off" spellcheck="false" data-path=data_path.clone()
                                    aria-label=format!("{row_label} {}", index.get() + 1)
                                    aria-describedby=dom_id("messages", &data_path)
                                    bind:value=cell.bound(move |d, text| {
                                        d.set_text(&item_path.read_value(), text);
                                        false
                                    })/>
                                <button type="button" data-action="remove" data-path=data_path.clone()
                                    aria-label=format!("Remove {row_label} {}", index.get() + 1)
                                    on:click=move |_| studio.change_layout(|d| d.remove(&list_path.read_value(), id))>"Remove"</button>
                                <Messages path=data_path.clone() id=dom_id("messages", &data_path)/>
                            }
                        };
                        view! {
                            <li class="row single" data-row=data_row node_ref=node>
                                {move || built.get().then(contents.clone())}
                            </li>
                        }
                    }
                }/>
            </ol>
            <button type="button" data-action="add" data-path=data_path.clone()
                on:click=move |_| add_and_focus(studio, &list_path.read_value())>"Add"</button>
        </fieldset>
    }
}
