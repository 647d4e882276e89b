//! The `asbind` custom section the classes transform writes into the wasm: what the `.d.ts`
//! erases (which parameters and results are enums) and each managed class's base.
//!
//! Text, one fact per line, space-separated words, after the version line `asbind-types 1`:
//! `enum <export> <param index | result> <enum>` and `class <id> <base id | -> <internal name>`.
//! Lines this reader does not know are skipped, so a newer transform stays readable.

/// The section's name.
pub const NAME: &str = "asbind";
/// The first line of the version this reader understands.
const VERSION: &str = "asbind-types 1";

/// Where an enum appears in an export's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The parameter at this index (wasm parameters, a wrapper's `self` included).
    Param(usize),
    /// The result.
    Result,
}

/// An export's parameter or result declared as an enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumSlot {
    /// The export.
    pub export: String,
    /// Where in its signature.
    pub slot: Slot,
    /// The enum's exported name.
    pub enum_name: String,
}

/// A managed class and its base, by runtime id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassBase {
    /// Runtime id.
    pub id: u32,
    /// The base class's runtime id (`None` for `Object`).
    pub base: Option<u32>,
    /// Internal name (`src/module/Class`).
    pub name: String,
}

/// The section's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// Enum-typed parameters and results.
    pub enums: Vec<EnumSlot>,
    /// The class hierarchy.
    pub classes: Vec<ClassBase>,
}

/// Reads the section's bytes; `None` when it is not a version this reader understands.
pub fn parse(bytes: &[u8]) -> Option<Section> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut lines = text.lines();
    if lines.next()? != VERSION {
        return None;
    }
    let mut section = Section::default();
    for line in lines {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["enum", export, slot, name] => {
                let slot = match *slot {
                    "result" => Slot::Result,
                    i => match i.parse() {
                        Ok(i) => Slot::Param(i),
                        Err(_) => continue,
                    },
                };
                section.enums.push(EnumSlot { export: export.to_string(), slot, enum_name: name.to_string() });
            }
            ["class", id, base, name] => {
                let (Ok(id), base) = (id.parse(), base.parse().ok()) else { continue };
                section.classes.push(ClassBase { id, base, name: name.to_string() });
            }
            _ => {}
        }
    }
    Some(section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_enums_and_classes_and_skips_the_unknown() {
        let text = "asbind-types 1\nenum next 0 Color\nenum next result Color\nenum bad x Color\n\
                    class 0 - ~lib/object/Object\nclass 4 3 ~lib/typedarray/Int32Array\nfuture line\n";
        let s = parse(text.as_bytes()).unwrap();
        assert_eq!(
            s.enums,
            [
                EnumSlot { export: "next".into(), slot: Slot::Param(0), enum_name: "Color".into() },
                EnumSlot { export: "next".into(), slot: Slot::Result, enum_name: "Color".into() },
            ]
        );
        assert_eq!(s.classes[0], ClassBase { id: 0, base: None, name: "~lib/object/Object".into() });
        assert_eq!(s.classes[1].base, Some(3));
        assert_eq!(parse(b"asbind-types 2\nenum a 0 B\n"), None);
        assert_eq!(parse(&[0xff, 0xfe]), None);
    }
}
