//! The pure core: catalogue, validation, import/export and request signing. No web code here, so
//! that native `cargo test` covers it quickly and the `tjs` command uses the same engine.

pub mod account;
pub mod algorithm;
pub mod base64url;
pub mod catalogue;
pub mod credentials;
pub mod draft;
pub mod enum_picker;
pub mod exports;
pub mod formats;
pub mod help;
pub mod history;
pub mod jobs;
pub mod json;
pub mod layout;
pub mod path;
pub mod pattern;
pub mod problem;
pub mod protocol;
pub mod regions;
pub mod rules;
pub mod service_error;
pub mod share_link;
pub mod sign;
pub mod templates;
pub mod unicode;
pub mod validate;
pub mod watch;
