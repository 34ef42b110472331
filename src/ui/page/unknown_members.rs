//! Imported members the model does not have (an `AlgorithmSpecification.Foo`, a
//! `trainingJobName` in lower case), shown where they were found: the path, the value as
//! imported, the message, and a button that removes them (behaviour §4, §5). They are kept until the
//! user removes them, so nothing imported is lost unseen.
//!
//! ```ignore
//! view! { <UnknownMembers path=FormPath::parse("AlgorithmSpecification") section=None/> }
//! ```

use leptos::prelude::*;

use super::field::Messages;
use super::{dom_id, Studio};
use crate::core::layout::section_for;
use crate::core::path::FormPath;

/// The unknown members of one structure.
#[component]
pub fn UnknownMembers(
    /// The structure's form path; the empty path for the request itself.
    path: FormPath,
    /// For the request itself, the section being drawn: only the unknown members placed in it
    /// (`layout::section_for`) are shown there.
    section: Option<&'static str>,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let unknown = move || {
        let mut found = studio.read_layout(|d| d.unknown_members(&path));
        found.retain(|(member, _)| section.is_none_or(|id| section_for(&member.to_string()) == id));
        found
    };
    move || {
        unknown()
            .into_iter()
            .map(|(remove_path, value)| {
                let path = remove_path.to_string();
                view! {
                    <div class="field unknown-member" data-path=path.clone() tabindex="-1">
                        <span class="label"><code>{path.clone()}</code></span>
                        <pre class="value">{value}</pre>
                        <Messages path=path.clone() id=dom_id("messages", &path)/>
                        <button type="button" data-action="remove" data-path=path.clone()
                            on:click=move |_| studio.change_layout(|d| d.clear(&remove_path))>"Remove"</button>
                    </div>
                }
            })
            .collect_view()
    }
}
