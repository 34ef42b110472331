//! What a share link's fragment holds: the request, deflated and in base64url, and the region it
//! was made for, so that the job opens where it was built (the image, the checks and the exports
//! all depend on the region). Credentials are never in it. The fragment never reaches a server.
//!
//! ```
//! use tjs::core::share_link::{fragment, read, Fragment};
//! let made = fragment("eJwLAA", "us-west-2");
//! assert_eq!(made, "#r=eJwLAA&region=us-west-2");
//! assert_eq!(read(&made), Some(Fragment { request: "eJwLAA", region: Ok(Some("us-west-2")) }));
//! // Links made before they carried a region still open.
//! assert_eq!(read("#r=eJwLAA"), Some(Fragment { request: "eJwLAA", region: Ok(None) }));
//! ```

use super::regions;

/// The fragment prefix of a share link.
pub const PREFIX: &str = "#r=";

/// A share link's fragment, read.
#[derive(Debug, PartialEq, Eq)]
pub struct Fragment<'a> {
    /// The deflated request, in base64url.
    pub request: &'a str,
    /// The region it was made for: `Ok(None)` when the link names none, `Err` with what it named
    /// when that is not a region this app knows (the link still opens, in the current region).
    pub region: Result<Option<&'a str>, &'a str>,
}

/// The fragment for `request` (deflated, base64url) made in `region`.
pub fn fragment(request: &str, region: &str) -> String {
    format!("{PREFIX}{request}&region={region}")
}

/// The parts of a share link's fragment; `None` for a fragment that is not one.
pub fn read(fragment: &str) -> Option<Fragment<'_>> {
    let mut parts = fragment.strip_prefix(PREFIX)?.split('&');
    let request = parts.next().unwrap_or_default();
    let region = match parts.find_map(|part| part.strip_prefix("region=")) {
        None => Ok(None),
        Some(region) if regions::is_known(region) => Ok(Some(region)),
        Some(other) => Err(other),
    };
    Some(Fragment { request, region })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_region_is_reported_not_taken() {
        let read = read("#r=abc&region=mars-1").unwrap();
        assert_eq!(read.request, "abc");
        assert_eq!(read.region, Err("mars-1"));
    }

    #[test]
    fn other_fragments_are_not_share_links() {
        assert_eq!(read("#form"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn every_known_region_goes_and_comes_back() {
        for (code, _) in regions::REGIONS {
            assert_eq!(read(&fragment("x", code)).unwrap().region, Ok(Some(*code)));
        }
    }
}
