//! The Leptos front end, compiled for the browser only. Thin on purpose: the core decides what
//! the body is and what is wrong with it; these modules only show it and take edits. A folder per
//! loading unit (docs/architecture.md):
//!
//! - [`page`]: the page itself, the first load: the form, the preview, the summary, import,
//!   undo, and the hosts of the algorithm worker and of the later panels;
//! - [`panels`]: the panels the page loads later (Submit and the job panel, Export, Templates and
//!   drafts), which reach the page only through `core::protocol::panels`;
//! - [`shared`]: what both link: the service worker's client, storage, fetching files, and the
//!   few views both draw;
//! - [`worker`]: what the service worker does with the network (the account lookups).

pub mod page;
pub mod panels;
pub mod shared;
pub mod worker;

pub use page::start;
