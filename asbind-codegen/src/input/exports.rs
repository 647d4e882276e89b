//! How asc names the exports it makes for members (AS_ABI §6.4, §10.1): enum members and
//! statics are `Owner.member`, classic (0.18/0.19) instance members are `Class#member`,
//! `Class#get:field`, `Class#set:field` and `Class#constructor`.

/// Separates an enum, a class or a namespace from a static member: `Color.Red`, `Vector3d.zero`,
/// `ns.inner`.
pub const STATIC_SEP: char = '.';
/// Separates a classic class from an instance member: `Vector3d#length`.
pub const INSTANCE_SEP: char = '#';

/// The export of a static member `member` of `owner` (an enum member's global, a classic static
/// field or method, a namespace member).
pub fn static_member(owner: &str, member: &str) -> String {
    format!("{owner}{STATIC_SEP}{member}")
}

/// `Owner.member` → (`Owner`, `member`), at the first separator.
pub fn split_static(export: &str) -> Option<(&str, &str)> {
    export.split_once(STATIC_SEP)
}

/// What a classic member export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassicExport<'a> {
    /// `C#constructor`.
    Constructor,
    /// `C#get:field`.
    Getter(&'a str),
    /// `C#set:field`.
    Setter(&'a str),
    /// `C#method`.
    Method(&'a str),
    /// `C.member`: a static method (or field, or a namespace member).
    Static(&'a str),
}

/// Splits a classic member export into its class and what it is; `None` without a separator.
pub fn classic_export(export: &str) -> Option<(&str, ClassicExport<'_>)> {
    let Some((class, rest)) = export.split_once(INSTANCE_SEP) else {
        return split_static(export).map(|(class, member)| (class, ClassicExport::Static(member)));
    };
    let kind = if rest == "constructor" {
        ClassicExport::Constructor
    } else if let Some(field) = rest.strip_prefix("get:") {
        ClassicExport::Getter(field)
    } else if let Some(field) = rest.strip_prefix("set:") {
        ClassicExport::Setter(field)
    } else {
        ClassicExport::Method(rest)
    };
    Some((class, kind))
}

/// The part of a classic instance member export after `Class#` (the same for an inherited or
/// overriding member of another class).
pub fn instance_member(export: &str) -> Option<&str> {
    export.split_once(INSTANCE_SEP).map(|(_, member)| member)
}

/// Whether `export` names a member rather than a top-level function or global.
pub fn is_member(export: &str) -> bool {
    export.contains(INSTANCE_SEP) || export.contains(STATIC_SEP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_exports_split() {
        assert_eq!(classic_export("Vector3d#constructor"), Some(("Vector3d", ClassicExport::Constructor)));
        assert_eq!(classic_export("Vector3d#get:x"), Some(("Vector3d", ClassicExport::Getter("x"))));
        assert_eq!(classic_export("Vector3d#set:x"), Some(("Vector3d", ClassicExport::Setter("x"))));
        assert_eq!(classic_export("Vector3d#length"), Some(("Vector3d", ClassicExport::Method("length"))));
        assert_eq!(classic_export("Vector3d.zero"), Some(("Vector3d", ClassicExport::Static("zero"))));
        assert_eq!(classic_export("add"), None);
        assert_eq!(static_member("Color", "Red"), "Color.Red");
        assert_eq!(instance_member("Derived#get:a"), Some("get:a"));
        assert!(is_member("ns.inner") && is_member("C#m") && !is_member("add"));
    }
}
