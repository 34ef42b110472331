//! Strings written into another language's source: Python, YAML, HCL and POSIX shells. Each
//! writer escapes every character that its language reads differently, so that the value a tool
//! reads back is the one in the form, whatever the user typed (quotes, backslashes, line breaks,
//! `${`, `{{`, non-ASCII text).

/// A double-quoted string literal whose escapes are read the same by Python, YAML (1.1 and 1.2),
/// JSON and HCL: `\"`, `\\`, `\n`, `\r`, `\t` and `\uXXXX`. Control characters, C1 controls, the
/// Unicode line and paragraph separators and the byte-order mark are escaped, since YAML does not
/// allow them as they are and editors show them badly; other text, non-ASCII included, stays
/// readable.
///
/// ```
/// use tjs::core::exports::quote::double_quoted;
/// assert_eq!(double_quoted("say \"hi\"\n"), r#""say \"hi\"\n""#);
/// assert_eq!(double_quoted("é\u{2028}"), "\"é\\u2028\"");
/// ```
pub fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn needs_escape(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// An HCL (Terraform) quoted string: [`double_quoted`], with template sequences made literal
/// (`${` is written `$${` and `%{` is written `%%{`).
///
/// ```
/// use tjs::core::exports::quote::hcl_string;
/// assert_eq!(hcl_string("${var} 100%{x}"), r#""$${var} 100%%{x}""#);
/// ```
pub fn hcl_string(value: &str) -> String {
    double_quoted(value).replace("${", "$${").replace("%{", "%%{")
}

/// A string Airflow renders as a Jinja template and gets back unchanged: each `{` that would
/// open a Jinja tag (`{{`, `{%`, `{#`) is written as the expression `{{ '{' }}`, which renders as
/// `{`. A `{` left as it is is followed by something that opens no tag. Jinja also turns every
/// line break in template text into `\n`, so a carriage return is written as the expression
/// `{{ '\r' }}`, whose output is left alone.
///
/// ```
/// use tjs::core::exports::quote::jinja_literal;
/// assert_eq!(jinja_literal("a {{b}} {c}"), "a {{ '{' }}{b}} {c}");
/// assert_eq!(jinja_literal("a\r\n"), "a{{ '\\r' }}\n");
/// ```
pub fn jinja_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' && matches!(chars.peek(), Some('{' | '%' | '#')) {
            out.push_str("{{ '{' }}");
        } else if c == '\r' {
            out.push_str("{{ '\\r' }}");
        } else {
            out.push(c);
        }
    }
    out
}

/// A word for POSIX shells: single-quoted, with each `'` written `'\''`.
pub fn shell_word(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}
