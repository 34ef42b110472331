//! What the service worker (`src/bin/service_worker.rs`) does beyond answering from the core: the
//! work that needs the network. Loaded with the worker only, never with the page.

pub mod account_lookups;
