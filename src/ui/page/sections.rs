//! The form's sections: which top-level members go where. Everything inside a member, with its
//! type, limits and widget, comes from the catalogue (see `member.rs`).

use leptos::prelude::*;

use super::member::member_view;
use super::near_view::{near_view, SECTIONS_AT_ONCE};
use super::unknown_members::UnknownMembers;
use super::Studio;
use crate::core::catalogue;
use crate::core::layout::{section_for, Section, SECTIONS};
use crate::core::path::{top_member, FormPath};
use crate::core::problem::{plural, Severity};

/// Every section of the form, in order. The first few are built at once; the rest when they
/// come near the viewport, so the page is up quickly.
#[component]
pub fn Sections() -> impl IntoView {
    SECTIONS
        .iter()
        .enumerate()
        .map(|(i, section)| view! { <SectionView section=section at_once=i < SECTIONS_AT_ONCE/> })
        .collect_view()
}

/// One section as a folding panel, titled with its problem count so problems show while it is
/// folded, holding its top-level members' controls.
#[component]
fn SectionView(
    /// Which section: its id, title and top-level members.
    section: &'static Section,
    /// Build its contents at once rather than when near the viewport; for the sections on
    /// screen at load.
    at_once: bool,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    // (errors, warnings) in this section.
    let count = Memo::new(move |_| {
        studio.problems.with(|ps| {
            ps.iter().filter(|p| section_for(top_member(&p.path)) == section.id).fold((0, 0), |(e, w), p| {
                match p.severity {
                    Severity::Error => (e + 1, w),
                    Severity::Warning => (e, w + 1),
                }
            })
        })
    });
    let badge = move |class: &'static str, n: usize, one: &'static str, many: &'static str| {
        (n > 0).then(|| view! { <span class=class>{plural(n, one, many)}</span> })
    };
    let body = move || {
        let root = catalogue::shape(catalogue::ROOT);
        let members = section
            .members
            .iter()
            .filter_map(|name| root.member(name))
            .map(|m| member_view(FormPath::default().child(m.name), m.shape, m.name))
            .collect_view();
        view! { {members}<UnknownMembers path=FormPath::default() section=Some(section.id)/> }
    };
    let node = NodeRef::<leptos::html::Details>::new();
    let built = near_view(node, at_once);
    // <details> keeps its content (and what was typed) while collapsed.
    view! {
        <details class="section" open=true data-section=section.id data-members=move || {
                // The summary's links unfold a section that is not built yet by these names.
                let unknown = studio.read_layout(|d| d.unknown_members(&FormPath::default()));
                let placed = unknown.into_iter().map(|(m, _)| m.to_string()).filter(|m| section_for(m) == section.id);
                section.members.iter().map(|m| m.to_string()).chain(placed).collect::<Vec<_>>().join(" ")
            }
            class:pending=move || !built.get() node_ref=node>
            <summary>
                <span class="title">{section.title}</span>
                <span class="counts" data-problem-count=move || (count.get().0 + count.get().1).to_string()
                    data-error-count=move || count.get().0.to_string()>
                    {move || badge("count has-errors", count.get().0, "error", "errors")}
                    {move || badge("count has-warnings", count.get().1, "warning", "warnings")}
                </span>
            </summary>
            {move || built.get().then(body)}
        </details>
    }
}
