//! The algorithm catalogue (SPEC S10) in the page: fetched the first time something needs it,
//! so that it stays out of the first load (SPEC S9), then shared by the checks, the image picker
//! and the typed hyperparameters.
//!
//! ```ignore
//! let algorithms = studio.algorithms;
//! move || algorithms.get().map(|catalogue| catalogue.images.len()) // None until it has arrived
//! ```

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::algorithm::{Catalogue, ACCEPTS_FILE, IMAGES_FILE};

/// Where the catalogue is on its way into the page.
#[derive(Clone)]
enum Loading {
    NotAsked,
    Underway,
    Ready(Arc<Catalogue>),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct Algorithms {
    state: RwSignal<Loading>,
}

impl Algorithms {
    pub fn new() -> Self {
        Algorithms { state: RwSignal::new(Loading::NotAsked) }
    }

    /// The catalogue once it has arrived; the first call starts fetching it. Reactive.
    pub fn get(&self) -> Option<Arc<Catalogue>> {
        if matches!(self.state.get_untracked(), Loading::NotAsked) {
            self.fetch();
        }
        self.state.with(|s| match s {
            Loading::Ready(catalogue) => Some(catalogue.clone()),
            _ => None,
        })
    }

    /// Why the catalogue could not be had, if it could not. Reactive.
    pub fn failure(&self) -> Option<String> {
        self.state.with(|s| match s {
            Loading::Failed(message) => Some(message.clone()),
            _ => None,
        })
    }

    fn fetch(&self) {
        let state = self.state;
        state.set(Loading::Underway);
        leptos::task::spawn_local(async move {
            let (images, accepts) = futures::future::join(super::fetch::text(IMAGES_FILE), super::fetch::text(ACCEPTS_FILE)).await;
            let loaded = images
                .and_then(|images| accepts.map(|accepts| (images, accepts)))
                .and_then(|(images, accepts)| Catalogue::from_json(&images, &accepts));
            state.set(match loaded {
                Ok(catalogue) => Loading::Ready(Arc::new(catalogue)),
                Err(message) => Loading::Failed(format!(
                    "The algorithm catalogue could not be loaded ({message}), so images and hyperparameters are not \
                     checked. Reload the page to try again."
                )),
            });
        });
    }
}
