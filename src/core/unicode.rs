//! Unicode facts that Java's patterns need and Rust's std does not give exactly.

#[rustfmt::skip]
#[path = "unicode_letters.rs"]
mod letters;

/// Whether `c` is in the general category L, as Java's `\p{L}`. (`char::is_alphabetic` is the
/// wider Alphabetic property, which also takes in marks and letter numbers.)
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let c = c as u32;
    letters::LETTER_RANGES
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::is_letter;

    #[test]
    fn letters_are_category_l_only() {
        for c in ['a', 'Z', 'é', 'ß', 'Ж', '中', 'ー', 'ǅ'] {
            assert!(is_letter(c), "{c}");
        }
        // Digits, marks, letter numbers and symbols are not letters.
        for c in ['1', '_', ' ', '\u{301}', 'Ⅻ', '€', '٣'] {
            assert!(!is_letter(c), "{c}");
        }
    }
}
