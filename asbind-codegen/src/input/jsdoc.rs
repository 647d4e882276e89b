//! The JSDoc blocks asc writes before `.d.ts` declarations (AS_ABI §8.2): the internal name on
//! the first line and the AssemblyScript types in `@param`, `@returns` and `@type` tags.

/// What a JSDoc block says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Doc {
    /// The first line that is not a tag (the internal name).
    pub(super) internal: Option<String>,
    /// `@param NAME `TYPE``.
    pub(super) params: Vec<(String, String)>,
    /// `@returns `TYPE``.
    pub(super) returns: Option<String>,
    /// `@type `TYPE``.
    pub(super) ty: Option<String>,
}

/// Reads the text of a `/** ... */` block.
pub(super) fn parse_doc(body: &str) -> Doc {
    let mut doc = Doc::default();
    for line in body.lines() {
        let line = line.trim();
        let line = line.strip_prefix('*').unwrap_or(line).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@param") {
            let rest = rest.trim_start();
            let name = rest.split(|c: char| c.is_whitespace() || c == '`').next().unwrap_or("");
            if let Some(ty) = backticked(rest) {
                doc.params.push((name.to_string(), ty.to_string()));
            }
        } else if let Some(rest) = line.strip_prefix("@returns").or_else(|| line.strip_prefix("@return")) {
            doc.returns = backticked(rest).map(str::to_string);
        } else if let Some(rest) = line.strip_prefix("@type") {
            doc.ty = backticked(rest).map(str::to_string);
        } else if line.starts_with('@') {
            // Some other tag: not written by asc, harmless.
        } else if doc.internal.is_none() {
            doc.internal = Some(line.to_string());
        }
    }
    doc
}

/// The text between the first and the last backtick.
fn backticked(text: &str) -> Option<&str> {
    let start = text.find('`')?;
    let end = text.rfind('`')?;
    (end > start).then(|| text[start + 1..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_tags_asc_writes() {
        let doc =
            parse_doc("*\n * src/values/concat\n * @param a `~lib/string/String`\n * @returns `i32`\n * @since 1\n ");
        assert_eq!(doc.internal.as_deref(), Some("src/values/concat"));
        assert_eq!(doc.params, [("a".to_string(), "~lib/string/String".to_string())]);
        assert_eq!(doc.returns.as_deref(), Some("i32"));
        assert_eq!(parse_doc(" @type `u64` ").ty.as_deref(), Some("u64"));
    }
}
