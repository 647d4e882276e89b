//! The naming pass: every Rust name the bindings show is allocated here, through one
//! [`Scope`] per Rust namespace, once the other passes have typed the exports and grouped class
//! members (they leave the *wanted* names: `snake` of the export, `set_<field>`, ...).
//!
//! | namespace | scope | reserved | order |
//! |---|---|---|---|
//! | module items (types) | `types` (build) | [`MODULE_TYPES`] | records, classes, enums |
//! | `impl Module` | [`allocate`] | [`MODULE_METHODS`] | functions, globals; then the derived names: setters `set_*`, views `*_view`, start-time enum lookups `<enum>_value` / `<enum>_member` |
//! | `impl Class` (each) | [`allocate`] | [`HANDLE_METHODS`] | constructors (`new`); methods, statics, getters; then setters |
//! | `struct Exports` fields | [`allocate`] | — | `f_<export>` per function, `g_<export>` per global and start-time enum member |
//! | enum variants and alias constants (each) | the enum pass | — | declaration order |
//! | parameters (each function) | the export pass | `cx`; `m` for class members | declaration order |
//! | `Host` trait methods, and each one's parameters | the import pass | `cx` for parameters | import order |
//!
//! Explicit names win over derived ones: an export `set_count` keeps its name and the setter of
//! global `count` becomes `set_count_2`. Inside a namespace, earlier declarations win. The
//! generated code's own locals are `__`-prefixed, which no allocated name can be (see
//! [`crate::names`]); the marshalling context `cx` is reserved instead.

use crate::names::{Scope, snake};

use super::{Class, Enum, EnumLookup, Function, Global, MemberKind};

/// What the generated `impl Module` already has, in every front door (so that a name does not
/// change with the front door): constructors, accessors, and the embedded module's `wasm`,
/// `precompiled`, `compiled` and `compiled_with`.
pub(super) const MODULE_METHODS: &[&str] = &[
    "new",
    "with_options",
    "from_module",
    "from_file",
    "from_bytes",
    "compiled",
    "compiled_with",
    "wasm",
    "precompiled",
    "instance",
    "instance_mut",
    "host",
    "host_mut",
    "collect",
];

/// Types the generated module declares (`Module`, `Host`, `Exports`), the generic parameters
/// its code declares where module types are named (`H` of `Module<H>`, `D` of the `Lift` and
/// `Element` impls), and std names kept free for readers.
pub(super) const MODULE_TYPES: &[&str] =
    &["Module", "Host", "Exports", "H", "D", "Ref", "Result", "Error", "Option", "String", "Vec"];

/// The methods every class handle has (emit's `class`).
pub(super) const HANDLE_METHODS: &[&str] = &["handle", "ptr", "any", "wrap"];

/// Parameter names a class member cannot use: the context and the module parameter `m`.
const MEMBER_PARAMS: &[&str] = &["cx", "m"];

/// Allocates the module's and the classes' method names, the setters and views, the
/// start-time enum lookups, the class members' parameters and the `Exports` fields.
pub(super) fn allocate(functions: &mut [Function], globals: &mut [Global], enums: &mut [Enum], classes: &[Class]) {
    // impl Module: explicit names first, then derived ones.
    let mut methods = Scope::new(MODULE_METHODS);
    for f in functions.iter_mut().filter(|f| f.member.is_none()) {
        f.name = methods.unique(&f.name);
    }
    for g in globals.iter_mut().filter(|g| g.member.is_none()) {
        g.name = methods.unique(&g.name);
    }
    for g in globals.iter_mut().filter(|g| g.member.is_none() && g.mutable) {
        g.setter = Some(methods.unique(&format!("set_{}", g.name)));
    }
    for f in functions.iter_mut().filter(|f| f.member.is_none() && f.result.has_view()) {
        f.view = Some(methods.unique(&format!("{}_view", f.name)));
    }
    for e in enums.iter_mut().filter(|e| e.is_start_time()) {
        let base = snake(&e.as_name);
        e.lookup = Some(EnumLookup {
            value: methods.unique(&format!("{base}_value")),
            member: methods.unique(&format!("{base}_member")),
        });
    }

    // impl Class: constructors, then explicit members, then setters.
    let mut scopes: Vec<Scope> = classes.iter().map(|_| Scope::new(HANDLE_METHODS)).collect();
    let rank = |k: MemberKind| match k {
        MemberKind::Constructor => 0,
        MemberKind::Setter | MemberKind::StaticSetter => 2,
        _ => 1,
    };
    for pass in 0..3 {
        for f in functions.iter_mut() {
            if let Some(m) = f.member.as_mut().filter(|m| rank(m.kind) == pass) {
                m.name = scopes[m.class].unique(&m.name);
            }
        }
        for g in globals.iter_mut() {
            let Some(c) = g.member else { continue };
            match pass {
                1 => g.name = scopes[c].unique(&g.name),
                2 if g.mutable => g.setter = Some(scopes[c].unique(&format!("set_{}", g.name))),
                _ => {}
            }
        }
    }
    // Views of members that return arrays of numbers, after every explicit name.
    for f in functions.iter_mut().filter(|f| f.result.has_view()) {
        if let Some(m) = &f.member {
            f.view = Some(scopes[m.class].unique(&format!("{}_view", m.name)));
        }
    }
    // A member's module parameter is `m`; its object is the internal `__this`, so that an
    // AssemblyScript parameter `self_` keeps its name.
    for f in functions.iter_mut().filter(|f| f.member.is_some()) {
        let hidden = f.hidden_params();
        let mut params = Scope::new(MEMBER_PARAMS);
        for (i, p) in f.params.iter_mut().enumerate() {
            p.name = if i < hidden { "__this".to_string() } else { params.unique(&snake(&p.as_name)) };
        }
    }

    // struct Exports.
    let mut fields = Scope::default();
    for f in functions.iter_mut() {
        f.field = fields.unique(&format!("f_{}", snake(&f.export)));
    }
    for g in globals.iter_mut() {
        g.field = fields.unique(&format!("g_{}", snake(&g.export)));
    }
    for e in enums.iter_mut().filter(|e| e.is_start_time()) {
        for m in &mut e.members {
            m.field = fields.unique(&format!("g_{}", snake(&m.export)));
        }
    }
}
