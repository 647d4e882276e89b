//! The class pass: opaque classes with their ids, bases and the ids they accept, and the
//! transform's wrapper exports grouped into class members.

use asbind_abi::Generation;

use crate::input::dts::Dts;
use crate::input::wasm::Const;
use crate::names::{Scope, camel, snake};
use std::collections::HashMap;

use super::builder::Builder;
use super::{Class, Function, Member, MemberKind, Ty};

impl Builder<'_> {
    /// Names every opaque class (internrefs, or the classic dialect's exported classes) with its
    /// id and base ids, and the ids each accepts.
    pub(super) fn declare_classes(&mut self, dts: &Dts, types: &mut Scope) {
        for c in &dts.internrefs {
            let name = match super::builder::function_signature(&c.class) {
                Some(sig) => types.unique(&super::builder::function_type_name(&sig)),
                None => types.unique(&camel(class_name(&c.class))),
            };
            // The chain ends with `Object`'s id on the generations that have one.
            let bases =
                c.chain.iter().copied().skip(1).filter(|&id| Some(id) != Generation::V0_24.object_id()).collect();
            self.by_path.insert(c.class.clone(), Ty::Class(self.classes.len()));
            self.classes.push(Class {
                id: c.id,
                class: c.class.clone(),
                name,
                bases,
                accepts: vec![c.id],
                complete: false,
            });
        }
        // Classic modules: exported classes, their ids from the class-id globals (AS_ABI §10.1).
        for c in &dts.classes {
            let Some(Const::I32(id)) = self.wasm.global(&c.name).and_then(|g| g.init) else { continue };
            let mut bases = Vec::new();
            let mut base = c.extends.clone();
            while let Some(b) = base.take() {
                if let Some(Const::I32(bid)) = self.wasm.global(&b).and_then(|g| g.init) {
                    bases.push(bid as u32);
                }
                base = dts.classes.iter().find(|x| x.name == b).and_then(|x| x.extends.clone());
                if bases.len() > 64 {
                    break;
                }
            }
            let name = types.unique(&camel(&c.name));
            self.by_path.insert(c.name.clone(), Ty::Class(self.classes.len()));
            self.classes.push(Class {
                id: id as u32,
                class: c.name.clone(),
                name,
                bases,
                accepts: vec![id as u32],
                complete: false,
            });
        }
        // A subclass instance is valid where a base class is expected.
        let pairs: Vec<(u32, Vec<u32>)> = self.classes.iter().map(|c| (c.id, c.bases.clone())).collect();
        for class in &mut self.classes {
            for (id, bases) in &pairs {
                if bases.contains(&class.id) {
                    class.accepts.push(*id);
                }
            }
        }
        // The transform records every managed class with its base: subclasses no export names
        // are then known too, and no other id can be one.
        if let Some(hierarchy) = self.wasm.asbind.as_ref().map(|s| &s.classes).filter(|h| !h.is_empty()) {
            let base_of: HashMap<u32, Option<u32>> = hierarchy.iter().map(|h| (h.id, h.base)).collect();
            for class in &mut self.classes {
                if !base_of.contains_key(&class.id) {
                    continue;
                }
                for h in hierarchy {
                    if !class.accepts.contains(&h.id) && derives_from(&base_of, h.id, class.id) {
                        class.accepts.push(h.id);
                    }
                }
                class.complete = true;
            }
        }
    }
}

/// Whether class `id` derives from `base` by the recorded bases (`base_of`), following at most as
/// many as there are classes (a cyclic section, which the transform never writes, ends there).
fn derives_from(base_of: &HashMap<u32, Option<u32>>, id: u32, base: u32) -> bool {
    let mut at = id;
    for _ in 0..base_of.len() {
        match base_of.get(&at).copied().flatten() {
            Some(b) if b == base => return true,
            Some(b) => at = b,
            None => return false,
        }
    }
    false
}

/// Recognises the wrappers the `asbind-classes` transform adds (`C__new`, `C__m_method`,
/// `C__s_static`, `C__get_field`, `C__set_field`, `C__sget_field`, `C__sset_field`) and makes them
/// members of class `C`, when their signatures fit (the object first, or a `C` result for the
/// constructor). Classes left without members get a note on how to add them.
pub(super) fn group_members(functions: &mut [Function], classes: &[Class], notes: &mut Vec<String>) {
    const TAGS: [(&str, MemberKind); 7] = [
        ("sget_", MemberKind::StaticGetter),
        ("sset_", MemberKind::StaticSetter),
        ("get_", MemberKind::Getter),
        ("set_", MemberKind::Setter),
        ("m_", MemberKind::Method),
        ("s_", MemberKind::Static),
        ("new", MemberKind::Constructor),
    ];
    for f in functions.iter_mut() {
        let Some((prefix, rest)) = f.export.split_once("__") else { continue };
        let Some(ci) = classes.iter().position(|c| class_name(&c.class) == prefix) else { continue };
        let Some((kind, member)) = TAGS.iter().find_map(|(tag, kind)| {
            let m =
                if *kind == MemberKind::Constructor { (rest == *tag).then_some("") } else { rest.strip_prefix(tag) };
            m.map(|m| (*kind, m))
        }) else {
            continue;
        };
        let fits = match kind {
            MemberKind::Constructor => f.result == Ty::Class(ci),
            k if k.has_self() => f.params.first().is_some_and(|p| !p.optional && p.ty == Ty::Class(ci)),
            _ => true,
        };
        if !fits || (kind != MemberKind::Constructor && member.is_empty()) {
            continue;
        }
        let wanted = match kind {
            MemberKind::Constructor => "new".to_string(),
            MemberKind::Setter | MemberKind::StaticSetter => format!("set_{}", snake(member)),
            _ => snake(member),
        };
        let what = match kind {
            MemberKind::Constructor => format!("`new {prefix}(..)`"),
            MemberKind::Method | MemberKind::Getter | MemberKind::Setter => format!("`{prefix}#{member}`"),
            _ => format!("`{prefix}.{member}`"),
        };
        f.doc = format!("{what}, through the transform's export {}", f.doc);
        // The wanted name: `naming` allocates it in the class's scope.
        f.member = Some(Member { class: ci, kind, name: wanted, classic: false });
    }
    let without: Vec<&str> = classes
        .iter()
        .enumerate()
        .filter(|(i, _)| !functions.iter().any(|f| f.member.as_ref().is_some_and(|m| m.class == *i)))
        // Function references have no members to add.
        .filter(|(_, c)| super::builder::function_signature(&c.class).is_none())
        .map(|(_, c)| class_name(&c.class))
        .collect();
    if !without.is_empty() {
        notes.push(format!(
            "classes without methods in these bindings: {}; compile the module with `asc --transform {}` \
             (`asbind transform --out <dir>` writes it) to call their constructors, methods and fields from Rust",
            without.join(", "),
            crate::transform::CLASSES_TRANSFORM_FILE
        ));
    }
}

/// The class name of a class path (`src/values/Point<T>` → `Point`).
pub(super) fn class_name(path: &str) -> &str {
    let base = path.split('<').next().unwrap_or(path);
    base.rsplit('/').next().unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_along_the_recorded_bases_only() {
        // 4 <- 5 <- 6, 7 alone, 8 <-> 9 a cycle.
        let h = HashMap::from([(4, Some(0)), (5, Some(4)), (6, Some(5)), (7, Some(0)), (8, Some(9)), (9, Some(8))]);
        assert!(derives_from(&h, 6, 4));
        assert!(derives_from(&h, 5, 4));
        assert!(!derives_from(&h, 4, 5));
        assert!(!derives_from(&h, 7, 4));
        assert!(!derives_from(&h, 8, 4), "a cycle ends");
        assert!(!derives_from(&h, 99, 4), "an id the section does not list");
    }
}
