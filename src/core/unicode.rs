//! Unicode facts that Java's patterns need and Rust's std does not give exactly, and how messages
//! quote a character ([`describe_char`]) or user text ([`isolate`]) so that it stays readable and
//! cannot rearrange the words around it.

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

/// The names of the invisible characters that users most often paste by accident and of those
/// that change the direction of text, for [`describe_char`]. Only these, because a full table of
/// Unicode names would cost the first load far more than the messages gain; other invisible
/// characters go by code point alone.
const NAMES: [(char, &str); 21] = [
    ('\t', "CHARACTER TABULATION"),
    ('\n', "LINE FEED"),
    ('\r', "CARRIAGE RETURN"),
    ('\u{A0}', "NO-BREAK SPACE"),
    ('\u{AD}', "SOFT HYPHEN"),
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
];

/// Characters that draw nothing of their own, besides controls and whitespace: format characters
/// (Unicode category Cf: zero-width characters, directional marks, embeddings, overrides and
/// isolates, invisible operators), fillers that draw as blanks, variation selectors, tags, and
/// the blocks of combining marks, which draw only on the character before them.
const INVISIBLE: [(char, char); 18] = [
    ('\u{AD}', '\u{AD}'),
    ('\u{300}', '\u{36F}'),
    ('\u{61C}', '\u{61C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{1AB0}', '\u{1AFF}'),
    ('\u{1DC0}', '\u{1DFF}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{206F}'),
    ('\u{20D0}', '\u{20FF}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FE20}', '\u{FE2F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{E0000}', '\u{E0FFF}'),
];

/// Whether `c` shows nothing readable when quoted alone: a control character, whitespace other
/// than a plain space, or one of [`INVISIBLE`].
fn is_invisible(c: char) -> bool {
    c != ' ' && (c.is_whitespace() || c.is_control() || INVISIBLE.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)))
}

/// One character as messages quote it. A visible one in backticks, `` `_` ``; an invisible one
/// by its code point and, for the common ones, its name, `U+200B ZERO WIDTH SPACE`: in backticks
/// it would show as two backticks with nothing between them, or turn the text around it.
pub fn describe_char(c: char) -> String {
    if !is_invisible(c) {
        return format!("`{c}`");
    }
    match NAMES.iter().find(|(named, _)| *named == c) {
        Some((_, name)) => format!("U+{:04X} {name}", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

/// User text as messages quote it: between U+2068 FIRST STRONG ISOLATE and U+2069 POP
/// DIRECTIONAL ISOLATE, so that its direction is its own and direction controls in it, such as
/// U+202E RIGHT-TO-LEFT OVERRIDE, end with it instead of turning the rest of the message around.
///
/// The text cannot break out: a U+2069 in it that closes no isolate of its own meets one more
/// U+2068 before it, an isolate it opens and does not close is closed after it, and each of its
/// lines is isolated on its own, because a line break (Unicode bidirectional class B) closes
/// every isolate. Empty text stays empty.
///
/// ```
/// use tjs::core::unicode::isolate;
/// assert_eq!(isolate("train"), "\u{2068}train\u{2069}");
/// assert_eq!(isolate("a\u{2069}\u{202E}b"), "\u{2068}\u{2068}a\u{2069}\u{202E}b\u{2069}");
/// ```
pub fn isolate(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 6);
    // Where the current line starts, the isolates it opens and leaves open, and the U+2069s it
    // has with none of its own to close.
    let (mut start, mut open, mut stray) = (0, 0, 0);
    // A line break placed after the end closes the last line.
    for (at, c) in text.char_indices().chain([(text.len(), '\n')]) {
        match c {
            '\u{2066}'..='\u{2068}' => open += 1,
            '\u{2069}' if open > 0 => open -= 1,
            '\u{2069}' => stray += 1,
            '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}' => {
                if at > start {
                    for _ in 0..=stray {
                        out.push('\u{2068}');
                    }
                    out.push_str(&text[start..at]);
                    for _ in 0..=open {
                        out.push('\u{2069}');
                    }
                }
                start = (at + c.len_utf8()).min(text.len());
                out.push_str(&text[at..start]);
                (open, stray) = (0, 0);
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn invisible_characters_go_by_code_point_and_name() {
        assert_eq!(describe_char('_'), "`_`");
        assert_eq!(describe_char('é'), "`é`");
        assert_eq!(describe_char(' '), "` `");
        assert_eq!(describe_char('\u{200B}'), "U+200B ZERO WIDTH SPACE");
        assert_eq!(describe_char('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe_char('\u{FEFF}'), "U+FEFF ZERO WIDTH NO-BREAK SPACE");
        assert_eq!(describe_char('\t'), "U+0009 CHARACTER TABULATION");
        assert_eq!(describe_char('\u{A0}'), "U+00A0 NO-BREAK SPACE");
        // Invisible but unnamed: a control, a space, a combining mark, an invisible operator, a tag.
        for (c, shown) in [
            ('\u{7}', "U+0007"),
            ('\u{3000}', "U+3000"),
            ('\u{301}', "U+0301"),
            ('\u{2062}', "U+2062"),
            ('\u{E0041}', "U+E0041"),
        ] {
            assert_eq!(describe_char(c), shown);
        }
        // Each named character is described by its own name.
        for (c, name) in NAMES {
            assert!(is_invisible(c), "{name}");
            assert_eq!(describe_char(c), format!("U+{:04X} {name}", u32::from(c)));
        }
    }

    #[test]
    fn isolated_text_cannot_reach_past_its_end() {
        assert_eq!(isolate("train"), "\u{2068}train\u{2069}");
        assert_eq!(isolate(""), "");
        // A stray pop meets an extra isolate; an isolate left open is closed.
        assert_eq!(isolate("a\u{2069}\u{202E}b"), "\u{2068}\u{2068}a\u{2069}\u{202E}b\u{2069}");
        assert_eq!(isolate("\u{2067}a"), "\u{2068}\u{2067}a\u{2069}\u{2069}");
        assert_eq!(isolate("\u{2066}a\u{2069}"), "\u{2068}\u{2066}a\u{2069}\u{2069}");
        // Each line on its own, since a line break closes every isolate.
        assert_eq!(isolate("a\u{202E}\r\n\u{202E}b\n"), "\u{2068}a\u{202E}\u{2069}\r\n\u{2068}\u{202E}b\u{2069}\n");
    }
}
