//! Whole-value matching for the service model's patterns, which are written for Java's regex
//! engine (behaviour §3).
//!
//! A small engine of our own instead of the `regex` crate, for two reasons: the `regex` crate's
//! Unicode tables cost about 270 KB gzipped (behaviour §9), and Java's meaning differs from Rust's in
//! ways that matter here: `\d`, `\w`, `\s` are ASCII-only, `\p{Alnum}` is `[a-zA-Z0-9]`, `.` does
//! not match line terminators, and `(?<!-)` is a lookbehind. It supports exactly that subset of
//! Java syntax and refuses anything else, so a newer model with new syntax fails the catalogue
//! test instead of being matched wrongly.
//!
//! Matching is a backtracking search with a visited set over (instruction, position), so it takes
//! at most `program length × (value length + 1)` steps: no input can make it blow up.
//!
//! ```
//! let p = tjs::core::pattern::Pattern::new("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}").unwrap();
//! assert!(p.matches("my-job-1"));
//! assert!(!p.matches("my_job")); // a prefix match is not enough
//! ```

use super::unicode::{describe_char, is_letter};

#[derive(Debug, Clone, PartialEq)]
enum Named {
    Digit,
    Word,
    Space,
    Alnum,
    Letter,
    Number,
    Separator,
    /// `.`: anything but a line terminator.
    Dot,
}

impl Named {
    fn matches(&self, c: char) -> bool {
        match self {
            Named::Digit => c.is_ascii_digit(),
            Named::Word => c.is_ascii_alphanumeric() || c == '_',
            Named::Space => matches!(c, ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r'),
            Named::Alnum => c.is_ascii_alphanumeric(),
            Named::Letter => is_letter(c),
            // Rust's is_numeric is exactly the general categories Nd, Nl and No.
            Named::Number => c.is_numeric(),
            // Zs, Zl and Zp.
            Named::Separator => matches!(
                c,
                ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
                    ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
            ),
            Named::Dot => !matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Item {
    Range(char, char),
    Named(Named, bool),
}

/// A set of characters: a bracket class, an escape such as `\d`, `.` or a literal.
#[derive(Debug, Clone, PartialEq)]
struct Class {
    negated: bool,
    items: Vec<Item>,
}

impl Class {
    fn literal(c: char) -> Self {
        Class { negated: false, items: vec![Item::Range(c, c)] }
    }

    fn matches(&self, c: char) -> bool {
        let hit = self.items.iter().any(|item| match item {
            Item::Range(lo, hi) => (*lo..=*hi).contains(&c),
            Item::Named(named, negated) => named.matches(c) != *negated,
        });
        hit != self.negated
    }
}

#[derive(Debug)]
enum Node {
    Class(Class),
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    Repeat { node: Box<Node>, min: u32, max: Option<u32> },
    NotPrecededBy(Class),
}

#[derive(Debug)]
enum Inst {
    Class(Class),
    /// A greedy run of one class, `min..=max` long: kept as one instruction so that
    /// `[\S]{1,2048}` does not become 2048 instructions.
    Run(Class, u32, Option<u32>),
    Split(usize, usize),
    Jump(usize),
    NotPrecededBy(Class),
    Match,
}

/// The separators tried when one character is missing or wrong.
const SEPARATORS: &[char] = &['/', '-', ':', '.', '_'];

/// Where a value first goes wrong for a pattern (positions count characters from 1).
#[derive(Debug, Clone, PartialEq)]
pub enum Misfit {
    /// Everything typed fits, but the value stops before the pattern is complete.
    EndsTooSoon,
    /// Inserting a character makes the value match.
    Missing {
        /// Where: before this character.
        position: usize,
        /// The character that fits there.
        missing: char,
    },
    /// A character cannot be where it is.
    NotAllowed {
        /// Which character.
        position: usize,
        /// The character found there.
        found: char,
        /// A separator that would make the value match in its place, if one does.
        instead: Option<char>,
    },
}

impl Misfit {
    /// The message for people. Characters are quoted by [`describe_char`], so that one that
    /// draws nothing, such as a zero-width space, is named rather than shown as empty backticks.
    pub fn message(&self) -> String {
        match self {
            Misfit::EndsTooSoon => "It stops short of the form this field needs.".into(),
            Misfit::Missing { position, missing } => {
                format!("A {} is missing before character {position}.", describe_char(*missing))
            }
            Misfit::NotAllowed { position, found, instead: Some(instead) } => format!(
                "Character {position}, {}, is not allowed there; {} would be.",
                describe_char(*found),
                describe_char(*instead)
            ),
            Misfit::NotAllowed { position, found, instead: None } => {
                format!("Character {position}, {}, is not allowed there.", describe_char(*found))
            }
        }
    }
}

/// A compiled pattern that matches whole values only.
#[derive(Debug)]
pub struct Pattern {
    program: Vec<Inst>,
}

impl Pattern {
    /// Compiles a Java pattern; an `Err` names the construct this engine does not support.
    pub fn new(java: &str) -> Result<Pattern, String> {
        let mut parser = Parser { chars: java.chars().collect(), pos: 0 };
        let node = parser.alternation()?;
        if parser.pos != parser.chars.len() {
            return Err(format!("unexpected {} at {}", describe_char(parser.chars[parser.pos]), parser.pos));
        }
        let mut program = Vec::new();
        compile(&node, &mut program);
        program.push(Inst::Match);
        Ok(Pattern { program })
    }

    /// Whether the pattern matches the whole of `value`.
    pub fn matches(&self, value: &str) -> bool {
        self.run(&value.chars().collect::<Vec<_>>(), false)
    }

    /// Where a value that does not match first goes wrong, for a message that says what to fix.
    /// `None` when it matches.
    pub fn misfit(&self, value: &str) -> Option<Misfit> {
        let chars: Vec<char> = value.chars().collect();
        if self.run(&chars, false) {
            return None;
        }
        // Whether some value starts with the first `n` characters only grows shorter with `n`,
        // so the longest such start is found by halving.
        let (mut fits, mut fails) = (0, chars.len() + 1);
        while fails - fits > 1 {
            let middle = (fits + fails) / 2;
            if self.run(&chars[..middle], true) {
                fits = middle;
            } else {
                fails = middle;
            }
        }
        if fits == chars.len() {
            return Some(Misfit::EndsTooSoon);
        }
        let with = |c: char, keep: bool| {
            let mut tried = chars[..fits].to_vec();
            tried.push(c);
            tried.extend_from_slice(&chars[fits + usize::from(!keep)..]);
            tried
        };
        let found = chars[fits];
        // One character missing or wrong, such as the second slash of `s3:/bucket` or the
        // underscore of `xgb_churn`: say which would fit, when one of the usual separators does.
        let missing = SEPARATORS.iter().copied().find(|c| self.run(&with(*c, true), false));
        let instead = SEPARATORS.iter().copied().find(|c| self.run(&with(*c, false), false));
        Some(match (missing, instead) {
            (Some(missing), _) => Misfit::Missing { position: fits + 1, missing },
            (None, instead) => Misfit::NotAllowed { position: fits + 1, found, instead },
        })
    }

    /// Whether the pattern matches the whole of `chars`, or with `start`, whether some value that
    /// starts with `chars` would.
    fn run(&self, chars: &[char], start: bool) -> bool {
        let width = chars.len() + 1;
        let mut visited = vec![0u64; (self.program.len() * width).div_ceil(64)];
        let mut stack = vec![(0usize, 0usize)];
        while let Some((pc, pos)) = stack.pop() {
            let bit = pc * width + pos;
            if visited[bit / 64] & (1 << (bit % 64)) != 0 {
                continue;
            }
            visited[bit / 64] |= 1 << (bit % 64);
            match &self.program[pc] {
                Inst::Match if pos == chars.len() => return true,
                Inst::Match => {}
                // The value ran out where the pattern wanted more: a longer one could match.
                Inst::Class(_) if start && pos == chars.len() => return true,
                Inst::Class(class) => {
                    if chars.get(pos).is_some_and(|c| class.matches(*c)) {
                        stack.push((pc + 1, pos + 1));
                    }
                }
                Inst::Run(class, min, max) => {
                    let longest = chars[pos..].iter().take_while(|c| class.matches(**c)).count();
                    if start && pos + longest == chars.len() && max.is_none_or(|max| longest < max as usize) {
                        return true;
                    }
                    let longest = max.map_or(longest, |max| longest.min(max as usize));
                    for len in (*min as usize)..=longest {
                        stack.push((pc + 1, pos + len));
                    }
                }
                Inst::Split(first, second) => {
                    stack.push((*second, pos));
                    stack.push((*first, pos));
                }
                Inst::Jump(target) => stack.push((*target, pos)),
                Inst::NotPrecededBy(class) => {
                    if pos == 0 || !class.matches(chars[pos - 1]) {
                        stack.push((pc + 1, pos));
                    }
                }
            }
        }
        false
    }
}

fn compile(node: &Node, program: &mut Vec<Inst>) {
    match node {
        Node::Class(class) => program.push(Inst::Class(class.clone())),
        Node::NotPrecededBy(class) => program.push(Inst::NotPrecededBy(class.clone())),
        Node::Concat(nodes) => nodes.iter().for_each(|n| compile(n, program)),
        Node::Alternation(branches) => {
            // Split(b1, next) b1 Jump(end) Split(b2, next) b2 Jump(end) ... bn
            let mut jumps = Vec::new();
            for (i, branch) in branches.iter().enumerate() {
                if i + 1 < branches.len() {
                    let split = program.len();
                    program.push(Inst::Split(split + 1, 0));
                    compile(branch, program);
                    jumps.push(program.len());
                    program.push(Inst::Jump(0));
                    let next = program.len();
                    program[split] = Inst::Split(split + 1, next);
                } else {
                    compile(branch, program);
                }
            }
            let end = program.len();
            for j in jumps {
                program[j] = Inst::Jump(end);
            }
        }
        Node::Repeat { node, min, max } => {
            if let Node::Class(class) = node.as_ref() {
                program.push(Inst::Run(class.clone(), *min, *max));
                return;
            }
            for _ in 0..*min {
                compile(node, program);
            }
            match max {
                None => {
                    let split = program.len();
                    program.push(Inst::Split(split + 1, 0));
                    compile(node, program);
                    program.push(Inst::Jump(split));
                    let end = program.len();
                    program[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(program.len());
                        program.push(Inst::Split(0, 0));
                        compile(node, program);
                    }
                    let end = program.len();
                    for s in splits {
                        program[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn next(&mut self) -> Result<char, String> {
        let c = self.peek().ok_or("unexpected end of pattern")?;
        self.pos += 1;
        Ok(c)
    }

    fn alternation(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.concat()?];
        while self.eat('|') {
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 { branches.pop().unwrap() } else { Node::Alternation(branches) })
    }

    fn concat(&mut self) -> Result<Node, String> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Ok(Node::Concat(nodes))
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.pos += 1;
                let min = self.number()?;
                let max = if self.eat(',') {
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.number()?)
                    }
                } else {
                    Some(min)
                };
                if !self.eat('}') {
                    return Err("unclosed `{`".into());
                }
                self.pos -= 1;
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        if matches!(self.peek(), Some('?' | '+')) {
            return Err("lazy and possessive quantifiers are not supported".into());
        }
        Ok(Node::Repeat { node: Box::new(atom), min, max })
    }

    fn number(&mut self) -> Result<u32, String> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits: String = self.chars[start..self.pos].iter().collect();
        digits.parse().map_err(|_| format!("expected a number at {start}"))
    }

    fn atom(&mut self) -> Result<Node, String> {
        match self.next()? {
            '(' => {
                if self.eat('?') {
                    if self.eat(':') {
                        // Non-capturing group: same as a capturing one, since we only match.
                    } else if self.eat('<') && self.eat('!') {
                        let class = match self.atom()? {
                            Node::Class(class) => class,
                            _ => return Err("lookbehind supports a single character".into()),
                        };
                        if !self.eat(')') {
                            return Err("lookbehind supports a single character".into());
                        }
                        return Ok(Node::NotPrecededBy(class));
                    } else {
                        return Err("unsupported group construct".into());
                    }
                }
                let inner = self.alternation()?;
                if !self.eat(')') {
                    return Err("unclosed group".into());
                }
                Ok(inner)
            }
            '[' => self.bracket_class().map(Node::Class),
            '.' => Ok(Node::Class(Class { negated: false, items: vec![Item::Named(Named::Dot, false)] })),
            '\\' => self.escape().map(|item| Node::Class(Class { negated: false, items: vec![item] })),
            '^' if self.pos == 1 => Ok(Node::Concat(Vec::new())),
            '$' if self.pos == self.chars.len() => Ok(Node::Concat(Vec::new())),
            c @ ('*' | '+' | '?' | '{' | ')' | '^' | '$') => Err(format!("unexpected `{c}`")),
            c => Ok(Node::Class(Class::literal(c))),
        }
    }

    /// After a backslash: a named class or an escaped literal.
    fn escape(&mut self) -> Result<Item, String> {
        let c = self.next()?;
        let named = |n| Ok(Item::Named(n, false));
        let negated = |n| Ok(Item::Named(n, true));
        match c {
            'd' => named(Named::Digit),
            'D' => negated(Named::Digit),
            'w' => named(Named::Word),
            'W' => negated(Named::Word),
            's' => named(Named::Space),
            'S' => negated(Named::Space),
            'p' | 'P' => {
                let mut name = String::new();
                if !self.eat('{') {
                    return Err("expected `{` after \\p".into());
                }
                while let Some(ch) = self.peek().filter(|ch| *ch != '}') {
                    name.push(ch);
                    self.pos += 1;
                }
                self.pos += 1;
                let n = match name.as_str() {
                    "L" => Named::Letter,
                    "N" => Named::Number,
                    "Z" => Named::Separator,
                    "Alnum" => Named::Alnum,
                    other => return Err(format!("unsupported class \\p{{{other}}}")),
                };
                Ok(Item::Named(n, c == 'P'))
            }
            c if c.is_ascii_alphanumeric() => Err(format!("unsupported escape \\{c}")),
            c => Ok(Item::Range(c, c)),
        }
    }

    fn bracket_class(&mut self) -> Result<Class, String> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        loop {
            let item = match self.next()? {
                ']' if !items.is_empty() => break,
                '[' => return Err("nested classes are not supported".into()),
                '\\' => self.escape()?,
                c => Item::Range(c, c),
            };
            // `a-z` is a range; a `-` first, last or after a range is a literal.
            let is_range = self.peek() == Some('-') && self.chars.get(self.pos + 1) != Some(&']');
            match item {
                Item::Range(lo, _) if is_range => {
                    self.pos += 1;
                    let hi = match self.next()? {
                        '\\' => match self.escape()? {
                            Item::Range(hi, _) => hi,
                            _ => return Err("a range cannot end in a class".into()),
                        },
                        hi => hi,
                    };
                    if hi < lo {
                        return Err(format!("bad range {lo}-{hi}"));
                    }
                    items.push(Item::Range(lo, hi));
                }
                item => items.push(item),
            }
        }
        Ok(Class { negated, items })
    }
}
