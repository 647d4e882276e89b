//! The classic `.d.ts` dialect (asc 0.18/0.19 `-d`, AS_ABI §10.2): TypeScript types only,
//! classes with their members, namespaces, `export var` globals.

use asbind_abi::exports::is_runtime_export;

use crate::astype::{AsType, Scalar, TypedArray};
use crate::input::exports::{STATIC_SEP, static_member};
use crate::input::lex::{is_ident, strip_modifiers, strip_word};

use super::{ClassicClass, ClassicMethod, Ctx, DtsEnum, DtsFunction, DtsGlobal, DtsParam, Parser};
use super::{parse_sig, parse_typed_name};

impl Parser<'_> {
    pub(super) fn open_classic(&mut self, head: &str, line: u32) -> Ctx {
        let prefix = self.prefix();
        let decl = strip_modifiers(head);
        if let Some(rest) = strip_word(decl, "class") {
            let (name, extends) = match rest.split_once(" extends ") {
                Some((name, base)) => (name.trim(), Some(base.trim())),
                None => (rest.trim(), None),
            };
            if is_ident(name) && extends.is_none_or(|b| !b.is_empty() && !b.contains(char::is_whitespace)) {
                return Ctx::Class(ClassicClass {
                    name: format!("{prefix}{name}"),
                    extends: extends.map(str::to_string),
                    fields: Vec::new(),
                    constructor: None,
                    methods: Vec::new(),
                    line,
                });
            }
        }
        if let Some(name) = strip_word(decl, "namespace")
            && is_ident(name)
        {
            return Ctx::ClassicNamespace(format!("{prefix}{name}{STATIC_SEP}"));
        }
        if let Some(name) = strip_word(decl, "enum").or_else(|| strip_word(decl, "const enum").map(str::trim))
            && is_ident(name)
        {
            return Ctx::Enum(DtsEnum { name: format!("{prefix}{name}"), internal: None, members: Vec::new(), line });
        }
        self.unexpected(
            line,
            &format!("{head} {{"),
            "`export class NAME {`, `export namespace NAME {` or `export enum NAME {`",
        );
        Ctx::Skip
    }

    pub(super) fn stmt_classic(&mut self, text: &str, line: u32) {
        if self.stack.is_empty() && strip_word(text, "type").is_some_and(|rest| rest.contains('=')) {
            return; // the `type i32 = number;` header
        }
        let prefix = self.prefix();
        let decl = strip_modifiers(text);
        if let Some(rest) = strip_word(decl, "function") {
            match parse_sig(rest).and_then(|sig| classic_params(sig.params).map(|p| (sig.name, p, sig.ret))) {
                Some((name, _, _)) if prefix.is_empty() && is_runtime_export(&name) => {}
                Some((name, params, ret)) => self.dts.functions.push(DtsFunction {
                    name: format!("{prefix}{name}"),
                    internal: None,
                    params,
                    result: ret.as_deref().map_or(AsType::Void, classic_type),
                    line,
                }),
                None => self.unexpected(line, text, "`export function NAME(PARAM: TYPE, ...): TYPE;`"),
            }
            return;
        }
        let var = [("var", true), ("let", true), ("const", false)]
            .into_iter()
            .find_map(|(kw, mutable)| strip_word(decl, kw).map(|rest| (rest, mutable)));
        if let Some((rest, mutable)) = var {
            match parse_typed_name(rest) {
                Some((name, _, _)) if prefix.is_empty() && is_runtime_export(name) => {}
                Some((name, _, ty)) => self.dts.globals.push(DtsGlobal {
                    name: format!("{prefix}{name}"),
                    internal: None,
                    ty: classic_type(ty),
                    mutable,
                    line,
                }),
                None => self.unexpected(line, text, "`export var NAME: TYPE;`"),
            }
            return;
        }
        self.unexpected(
            line,
            text,
            "`export function NAME(...): TYPE;`, `export var NAME: TYPE;`, `export class NAME {`, \
             `export namespace NAME {` or `export enum NAME {`",
        );
    }

    pub(super) fn stmt_class_member(&mut self, text: &str, line: u32) {
        let Some((Ctx::Class(class), _)) = self.stack.last() else { return };
        let class_name = class.name.clone();
        let (mut is_static, mut readonly, mut getter, mut setter) = (false, false, false, false);
        let mut rest = text;
        loop {
            if let Some(r) = strip_word(rest, "static") {
                is_static = true;
                rest = r;
            } else if let Some(r) = strip_word(rest, "readonly") {
                readonly = true;
                rest = r;
            } else if let Some(r) = strip_word(rest, "public") {
                rest = r;
            } else {
                break;
            }
        }
        if let Some(r) = strip_word(rest, "get") {
            getter = true;
            rest = r;
        } else if let Some(r) = strip_word(rest, "set") {
            setter = true;
            rest = r;
        }
        let paren = rest.find('(');
        let colon = rest.find(':');
        let is_method = match (paren, colon) {
            (Some(p), Some(c)) => p < c,
            (Some(_), None) => true,
            _ => false,
        };
        if is_method {
            let parsed = parse_sig(rest).and_then(|sig| classic_params(sig.params).map(|p| (sig.name, p, sig.ret)));
            let Some((name, params, ret)) = parsed else {
                self.unexpected(line, text, "a method `NAME(PARAM: TYPE, ...): TYPE;`");
                return;
            };
            let Some((Ctx::Class(class), _)) = self.stack.last_mut() else { return };
            match name.as_str() {
                "constructor" if !is_static && !getter && !setter => class.constructor = Some(params),
                "wrap" if is_static => {}
                "valueOf" if !is_static && params.is_empty() => {}
                _ => class.methods.push(ClassicMethod {
                    name,
                    is_static,
                    getter,
                    setter,
                    params,
                    result: ret.as_deref().map_or(AsType::Void, classic_type),
                    line,
                }),
            }
            return;
        }
        if getter || setter {
            self.unexpected(line, text, "an accessor `get NAME(): TYPE;` or `set NAME(value: TYPE);`");
            return;
        }
        let Some((name, _, ty)) = parse_typed_name(rest) else {
            self.unexpected(line, text, "a field `NAME: TYPE;` or a method `NAME(PARAM: TYPE, ...): TYPE;`");
            return;
        };
        let ty = classic_type(ty);
        if is_static {
            // Exported as the global `Class.field` (AS_ABI §10.1).
            let global =
                DtsGlobal { name: static_member(&class_name, name), internal: None, ty, mutable: !readonly, line };
            self.dts.globals.push(global);
        } else if let Some((Ctx::Class(class), _)) = self.stack.last_mut() {
            class.fields.push((name.to_string(), ty, readonly));
        }
    }
}

/// A type as the classic dialect writes it: the scalar aliases of its header, `void`, the
/// TypeScript names of strings, buffers and typed arrays (a `.d.ts` edited by hand, or written by
/// another tool, uses them where asc writes `usize`), or something kept verbatim.
fn classic_type(ts: &str) -> AsType {
    let ts = ts.trim();
    match ts {
        "void" => AsType::Void,
        "boolean" => AsType::Scalar(Scalar::Bool),
        "string" => AsType::String,
        "ArrayBuffer" => AsType::ArrayBuffer,
        _ => Scalar::from_name(ts)
            .map(AsType::Scalar)
            .or_else(|| TypedArray::from_name(ts).map(AsType::TypedArray))
            .unwrap_or_else(|| AsType::Other(ts.to_string())),
    }
}
/// Classic parameters: every one must have a type.
fn classic_params(params: Vec<(String, bool, Option<String>)>) -> Option<Vec<DtsParam>> {
    params.into_iter().map(|(name, optional, ty)| Some(DtsParam { name, ty: classic_type(&ty?), optional })).collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::super::*;

    #[test]
    fn typescript_names_of_references_are_typed() {
        // A classic .d.ts edited by hand (or by another tool) names typed arrays and strings.
        let text = "type f32 = number;\ntype usize = number;\nexport class Mesh {\n  static wrap(ptr: usize): Mesh;\n  \
                    valueOf(): usize;\n  path(x: f32, label: string): Float32Array;\n}\n\
                    export function bytes(b: ArrayBuffer): Int32Array;\n";
        let dts = ok("navmesh.d.ts", text);
        let path = &dts.classes[0].methods.iter().find(|m| m.name == "path").unwrap();
        assert_eq!(path.result, AsType::TypedArray(crate::astype::TypedArray::Float32));
        assert_eq!(path.params[1].ty, AsType::String);
        let bytes = &dts.functions[0];
        assert_eq!(bytes.params[0].ty, AsType::ArrayBuffer);
        assert_eq!(bytes.result, AsType::TypedArray(crate::astype::TypedArray::Int32));
    }

    #[test]
    fn vector3d_classic() {
        let dts = ok("vector3d_0_19.d.ts", fixture!("vector3d_0_19.d.ts"));
        assert_eq!(dts.dialect, Dialect::Classic);
        assert_no_runtime(&dts);
        assert_eq!(dts.classes.len(), 1);
        let c = &dts.classes[0];
        assert_eq!((c.name.as_str(), c.extends.as_deref(), c.line), ("Vector3d", None, 14));
        assert_eq!(c.fields, [("x".into(), F64, false), ("y".into(), F64, false), ("z".into(), F64, false)]);
        assert_eq!(
            c.constructor.as_deref(),
            Some(&[param("x", F64, false), param("y", F64, false), param("z", F64, false)][..])
        );
        assert_eq!(
            c.methods,
            [
                ClassicMethod {
                    name: "length".into(),
                    is_static: false,
                    getter: false,
                    setter: false,
                    params: vec![],
                    result: F64,
                    line: 21
                },
                ClassicMethod {
                    name: "distance".into(),
                    is_static: false,
                    getter: false,
                    setter: false,
                    params: vec![param("o", USIZE, false)],
                    result: F64,
                    line: 22
                },
            ]
        );
        assert_eq!(
            names(&dts.functions, |f| &f.name),
            ["get_random_vectors", "get_minimum_distance", "vector_new", "vector_length", "vector_coords"]
        );
        let f = func(&dts, "get_random_vectors");
        assert_eq!(
            (f.params.clone(), f.result.clone(), f.internal.clone(), f.line),
            (vec![param("n", I32, false)], USIZE, None, 24)
        );
        assert_eq!(func(&dts, "get_minimum_distance").params, [param("vs", USIZE, false)]);
        assert_eq!(
            dts.globals,
            [
                DtsGlobal { name: "VectorsArray_ID".into(), internal: None, ty: U32, mutable: true, line: 29 },
                DtsGlobal { name: "Vector3d_ID".into(), internal: None, ty: U32, mutable: true, line: 30 },
            ]
        );
        assert!(dts.enums.is_empty() && dts.records.is_empty() && dts.internrefs.is_empty());
        assert!(dts.import_modules.is_empty());
    }

    /// The members §10.2 lists, written out as asc 0.19 would.
    #[test]
    fn classic_members() {
        let text = "\
type i8 = number;
type bool = boolean | number;
export class Vector3d {
  static wrap(ptr: usize): Vector3d;
  valueOf(): usize;
  static zero(): usize;
  static COUNT: i32;
  x: f64;
  constructor(x: f64);
  add(o: usize): usize;
  scale(k?: f64): usize;
  get norm2(): f64;
  set norm2(v: f64);
  readonly tag: usize;
  get: bool;
}
export class Derived extends Base { static wrap(ptr: usize): Derived; valueOf(): usize; c: i32; constructor(); }
export var counter: i32;
export const LIMIT: u8;
export enum Color { Red, Green, }
export namespace ns { export function inner(): i32; export var depth: i16; }
export const __setArgumentsLength: ((n: i32) => void) | undefined;
";
        let dts = ok("classic.d.ts", text);
        assert_eq!(dts.dialect, Dialect::Classic);
        let v = &dts.classes[0];
        assert_eq!(
            v.fields,
            [
                ("x".into(), F64, false),
                ("tag".into(), USIZE, true),
                ("get".into(), AsType::Scalar(Scalar::Bool), false)
            ]
        );
        assert_eq!(v.constructor, Some(vec![param("x", F64, false)]));
        let methods: Vec<_> = v
            .methods
            .iter()
            .map(|m| (m.name.as_str(), m.is_static, m.getter, m.setter, m.params.clone(), m.result.clone()))
            .collect();
        assert_eq!(
            methods,
            [
                ("zero", true, false, false, vec![], USIZE),
                ("add", false, false, false, vec![param("o", USIZE, false)], USIZE),
                ("scale", false, false, false, vec![param("k", F64, true)], USIZE),
                ("norm2", false, true, false, vec![], F64),
                ("norm2", false, false, true, vec![param("v", F64, false)], AsType::Void),
            ]
        );
        let d = &dts.classes[1];
        assert_eq!((d.name.as_str(), d.extends.as_deref(), d.line), ("Derived", Some("Base"), 17));
        assert_eq!(d.fields, [("c".into(), I32, false)]);
        assert_eq!(d.constructor, Some(vec![]));
        assert!(d.methods.is_empty());
        let globals: Vec<_> = dts.globals.iter().map(|g| (g.name.as_str(), g.ty.clone(), g.mutable)).collect();
        assert_eq!(
            globals,
            [
                ("Vector3d.COUNT", I32, true),
                ("counter", I32, true),
                ("LIMIT", AsType::Scalar(Scalar::U8), false),
                ("ns.depth", AsType::Scalar(Scalar::I16), true),
            ]
        );
        assert_eq!(dts.enums.len(), 1);
        assert_eq!(dts.enums[0].name, "Color");
        assert_eq!(dts.enums[0].members, ["Red", "Green"]);
        assert_eq!(dts.functions.len(), 1);
        assert_eq!((dts.functions[0].name.as_str(), &dts.functions[0].result), ("ns.inner", &I32));
    }

    /// Real asc 0.19.23 `-d` output for classes with statics, accessors, `readonly`, `extends`,
    /// an enum, a namespace and defaults (compiled from a scratch source, inlined here).
    #[test]
    fn classic_real_compiler_output() {
        let text = r#"type i8 = number;
type i16 = number;
type i32 = number;
type i64 = bigint;
type isize = number;
type u8 = number;
type u16 = number;
type u32 = number;
type u64 = bigint;
type usize = number;
type f32 = number;
type f64 = number;
type bool = boolean | number;
export class Base {
  static wrap(ptr: usize): Base;
  valueOf(): usize;
  a: i32;
  constructor();
}
export class Derived extends Base {
  static wrap(ptr: usize): Derived;
  valueOf(): usize;
  constructor();
  c: i32;
}
export class Vector3d {
  static wrap(ptr: usize): Vector3d;
  valueOf(): usize;
  static COUNT: i32;
  static zero(): usize;
  readonly tag: usize;
  x: f64;
  y: f64;
  z: f64;
  constructor(x: f64, y: f64, z: f64);
  length(): f64;
  add(o: usize): usize;
  scale(k?: f64): usize;
  get norm2(): f64;
  set norm2(v: f64);
}
export function expand_string(s: usize): usize;
export var counter: i32;
export var LIMIT: u8;
export enum Color {
  Red,
  Green,
}
export namespace ns {
  export function inner(): i32;
}
export function opt(a: i32, b?: bool): bool;
export const memory: WebAssembly.Memory;
export function __new(size: usize, id: u32): usize;
export function __pin(ptr: usize): usize;
export function __unpin(ptr: usize): void;
export function __collect(): void;
export const __rtti_base: usize;
export const __setArgumentsLength: ((n: i32) => void) | undefined;
"#;
        let dts = ok("index.d.ts", text);
        assert_eq!(dts.dialect, Dialect::Classic);
        assert_no_runtime(&dts);
        assert_eq!(names(&dts.classes, |c| &c.name), ["Base", "Derived", "Vector3d"]);
        let derived = &dts.classes[1];
        assert_eq!(derived.extends.as_deref(), Some("Base"));
        assert_eq!(derived.fields, [("c".into(), I32, false)]);
        assert_eq!(derived.constructor, Some(vec![]));
        let v = &dts.classes[2];
        let fields: Vec<_> = v.fields.iter().map(|(n, t, r)| (n.as_str(), t.clone(), *r)).collect();
        assert_eq!(fields, [("tag", USIZE, true), ("x", F64, false), ("y", F64, false), ("z", F64, false)]);
        let methods: Vec<_> = v.methods.iter().map(|m| (m.name.as_str(), m.is_static, m.getter, m.setter)).collect();
        assert_eq!(
            methods,
            [
                ("zero", true, false, false),
                ("length", false, false, false),
                ("add", false, false, false),
                ("scale", false, false, false),
                ("norm2", false, true, false),
                ("norm2", false, false, true)
            ]
        );
        assert_eq!(v.methods[3].params, [param("k", F64, true)]);
        let globals: Vec<_> = dts.globals.iter().map(|g| (g.name.as_str(), g.ty.clone(), g.mutable)).collect();
        // `export const LIMIT` in the source: asc 0.19 still prints `export var`.
        assert_eq!(
            globals,
            [("Vector3d.COUNT", I32, true), ("counter", I32, true), ("LIMIT", AsType::Scalar(Scalar::U8), true)]
        );
        assert_eq!(names(&dts.functions, |f| &f.name), ["expand_string", "ns.inner", "opt"]);
        assert_eq!(func(&dts, "opt").params, [param("a", I32, false), param("b", AsType::Scalar(Scalar::Bool), true)]);
        assert_eq!(dts.enums[0].members, ["Red", "Green"]);
    }
}
