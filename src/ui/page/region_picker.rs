//! The region the job is built for, at the top of the page: the image picker, the algorithm
//! checks, the exports, share links and Submit all follow it, so it is chosen in this one place.
//!
//! ```ignore
//! view! { <RegionPicker/> }
//! ```

use leptos::prelude::*;

use super::Studio;
use crate::core::regions::REGIONS;

/// A select of every region the app knows, by code; the name people know it by is its tooltip.
/// The user's choice is kept for the next visit.
#[component]
pub fn RegionPicker() -> impl IntoView {
    let studio = expect_context::<Studio>();
    view! {
        <label class="region" title="The region the job is built for and submitted to">
            <span>"Region"</span>
            <select data-setting="region" on:change=move |ev| studio.choose_region(event_target_value(&ev))>
                {REGIONS.iter().map(|(code, name)| view! {
                    <option value=*code title=*name selected=move || studio.region.with(|r| r == code)>{*code}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
