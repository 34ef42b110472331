//! Training Job Studio: author, validate, export and submit SageMaker `CreateTrainingJob`
//! requests. `core` is pure Rust; `ui` is the Leptos front end, compiled for the browser only.

#[warn(missing_docs)]
pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;
