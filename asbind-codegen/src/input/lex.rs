//! The tokenizer of the `.d.ts` reader and the small text scanners it shares with the glue
//! reader: cutting at `{`, `}`, `;` and comments, splitting at top-level separators, matching
//! parentheses, and reading identifiers and quoted property names.

// Tokens: the `.d.ts` is cut at `{`, `}`, `;` and comments, whitespace runs collapsed.

/// One piece of the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    /// A `/** ... */` comment: its text without the delimiters.
    Doc(String),
    /// A `/*` without `*/`.
    UnterminatedComment,
    /// The text before a `{` (may be empty).
    Open(String),
    /// A `}`.
    Close,
    /// The text before a `;`, a `}` or a comment (never empty).
    Stmt(String),
}

/// A token and the 1-based line its first character is on.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    /// What it is.
    pub(super) tok: Tok,
    /// Its first line.
    pub(super) line: u32,
}

/// Cuts `text` into tokens. `//` comments are dropped.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pending = String::new();
    let mut pending_line = 1;
    let mut line = 1u32;
    let mut chars = text.chars().peekable();

    fn flush(out: &mut Vec<Token>, pending: &mut String, line: u32) {
        let text = pending.trim();
        if !text.is_empty() {
            out.push(Token { tok: Tok::Stmt(text.to_string()), line });
        }
        pending.clear();
    }

    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                line = line.saturating_add(1);
                if !pending.is_empty() && !pending.ends_with(' ') {
                    pending.push(' ');
                }
            }
            '/' if chars.peek() == Some(&'/') => while chars.next_if(|&n| n != '\n').is_some() {},
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                flush(&mut out, &mut pending, pending_line);
                let start = line;
                let mut body = String::new();
                let mut closed = false;
                while let Some(n) = chars.next() {
                    if n == '*' && chars.peek() == Some(&'/') {
                        chars.next();
                        closed = true;
                        break;
                    }
                    if n == '\n' {
                        line = line.saturating_add(1);
                    }
                    body.push(n);
                }
                if !closed {
                    out.push(Token { tok: Tok::UnterminatedComment, line: start });
                } else if let Some(doc) = body.strip_prefix('*') {
                    out.push(Token { tok: Tok::Doc(doc.to_string()), line: start });
                }
            }
            '{' => {
                let head_line = if pending.trim().is_empty() { line } else { pending_line };
                out.push(Token { tok: Tok::Open(pending.trim().to_string()), line: head_line });
                pending.clear();
            }
            '}' => {
                flush(&mut out, &mut pending, pending_line);
                out.push(Token { tok: Tok::Close, line });
            }
            ';' => flush(&mut out, &mut pending, pending_line),
            c if c.is_whitespace() => {
                if !pending.is_empty() && !pending.ends_with(' ') {
                    pending.push(' ');
                }
            }
            c => {
                if pending.is_empty() {
                    pending_line = line;
                }
                pending.push(c);
            }
        }
    }
    flush(&mut out, &mut pending, pending_line);
    out
}

// ---------------------------------------------------------------------------------------------
// Small text helpers

/// Splits `text` at `sep` where it is outside any `<>`, `()`, `[]`, `{}` and quotes; `=>` does
/// not close an angle bracket. Pieces are trimmed; empty pieces are kept.
pub(super) fn split_top_level(text: &str, sep: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut quotes = Quotes::new("\"'");
    let mut prev = '\0';
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !quotes.in_string(c) {
            match c {
                '<' | '(' | '[' | '{' => depth += 1,
                '>' if prev == '=' => {}
                '>' | ')' | ']' | '}' => depth = depth.saturating_sub(1),
                c if c == sep && depth == 0 => {
                    pieces.push(text[start..i].trim());
                    start = i + c.len_utf8();
                }
                _ => {}
            }
        }
        prev = c;
    }
    pieces.push(text[start..].trim());
    pieces
}

/// Tracks whether a scan is inside a quoted string (backslash escapes honoured).
pub(super) struct Quotes {
    delimiters: &'static str,
    open: Option<char>,
    escaped: bool,
}

impl Quotes {
    /// A scanner for strings delimited by any of `delimiters`.
    pub(super) fn new(delimiters: &'static str) -> Self {
        Quotes { delimiters, open: None, escaped: false }
    }

    /// Feeds the next character; `true` when it belongs to a string (its quotes included).
    pub(super) fn in_string(&mut self, c: char) -> bool {
        if let Some(q) = self.open {
            if self.escaped {
                self.escaped = false;
            } else if c == '\\' {
                self.escaped = true;
            } else if c == q {
                self.open = None;
            }
            return true;
        }
        if self.delimiters.contains(c) {
            self.open = Some(c);
            return true;
        }
        false
    }
}

/// Index of the `)` matching the `(` at byte `open` (skipping `=>`), if any.
pub(super) fn matching_paren(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut prev = '\0';
    for (i, c) in text.get(open..)?.char_indices() {
        match c {
            '(' | '<' | '[' | '{' => depth += 1,
            '>' if prev == '=' => {}
            ')' | '>' | ']' | '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return (c == ')').then_some(open + i);
                }
            }
            _ => {}
        }
        prev = c;
    }
    None
}

/// `text` without a leading keyword `word` followed by whitespace (so a member named `get` or
/// `static` is not mistaken for the keyword).
pub(super) fn strip_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(word)?;
    let trimmed = rest.trim_start();
    (rest.len() != trimmed.len() && !trimmed.is_empty()).then_some(trimmed)
}

/// Drops leading `export` / `declare`.
pub(super) fn strip_modifiers(mut text: &str) -> &str {
    while let Some(rest) = strip_word(text, "export").or_else(|| strip_word(text, "declare")) {
        text = rest;
    }
    text
}

/// A JS identifier (ASCII and Unicode letters, digits, `_`, `$`).
pub(super) fn is_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// A JS/TS property name: an identifier or a double/single-quoted string (unescaped).
pub(super) fn property_name(text: &str) -> Option<String> {
    let text = text.trim();
    if is_ident(text) {
        return Some(text.to_string());
    }
    let quote = text.chars().next().filter(|&c| c == '"' || c == '\'')?;
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == quote {
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)?);
            }
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)?);
            }
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting_respects_nesting() {
        assert_eq!(split_top_level("a: Map<K, V>, b: (x, y) => z, c", ','), ["a: Map<K, V>", "b: (x, y) => z", "c"]);
        assert_eq!(split_top_level("\"a,b\", c", ','), ["\"a,b\"", "c"]);
        assert_eq!(matching_paren("f((a) => b, c): d", 1), Some(13));
        assert_eq!(matching_paren("f(a", 1), None);
        assert_eq!(property_name("\"a\\u0041\\\"\""), Some("aA\"".to_string()));
        assert_eq!(property_name("'x"), None);
    }
}
