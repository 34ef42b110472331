//! The draft in localStorage: autosaved as the user types, restored on load, and named saved
//! drafts. Only the request body is stored, never credentials (behaviour §7).
//!
//! ```ignore
//! let restored = storage::load_autosave(); // Option<Draft>
//! storage::save_autosave(&body);
//! ```

use serde_json::{Map, Value};

use crate::core::draft::Draft;

const AUTOSAVE_KEY: &str = "tjs.draft.v1";
const NAMED_KEY: &str = "tjs.drafts.v1";
const REGION_KEY: &str = "tjs.region.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The autosaved draft, if any and readable.
pub fn load_autosave() -> Option<Draft> {
    let text = storage()?.get_item(AUTOSAVE_KEY).ok()??;
    match serde_json::from_str::<Value>(&text).ok()? {
        value @ Value::Object(_) => Some(Draft::from_value(&value)),
        _ => None,
    }
}

/// Saves the draft's body; false if the browser refused (storage full, blocked or absent).
pub fn save_autosave(body: &Value) -> bool {
    storage().is_some_and(|s| s.set_item(AUTOSAVE_KEY, &body.to_string()).is_ok())
}

/// Named drafts, by name.
pub fn named() -> Map<String, Value> {
    storage()
        .and_then(|s| s.get_item(NAMED_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|v| match v {
            Value::Object(map) => Some(map),
            _ => None,
        })
        .unwrap_or_default()
}

/// Writes the named drafts; false if the browser refused (storage full or disabled).
pub fn save_named(drafts: &Map<String, Value>) -> bool {
    storage().is_some_and(|s| s.set_item(NAMED_KEY, &Value::Object(drafts.clone()).to_string()).is_ok())
}

/// The Submit region the user chose last, if it is one this app knows.
pub fn load_region() -> Option<String> {
    storage()?.get_item(REGION_KEY).ok()?.filter(|r| crate::core::regions::is_known(r))
}

pub fn save_region(region: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(REGION_KEY, region);
    }
}
