//! The modern `.d.ts` dialect (asc 0.20+ `--bindings esm` and `--bindings raw`, AS_ABI §8.2,
//! §8.3): declarations typed by JSDoc, records, internrefs and the raw `instantiate` import list.

use asbind_abi::exports::is_runtime_export;

use crate::astype::AsType;
use crate::input::jsdoc::Doc;
use crate::input::lex::{is_ident, property_name, split_top_level, strip_modifiers, strip_word};

use super::{Ctx, DtsEnum, DtsFunction, DtsGlobal, DtsInternref, DtsParam, DtsRecord, HELP_MODERN, Parser, Sig};
use super::{parse_sig, parse_typed_name};

/// The type name prefix of a record class (`__Record7<TOmittable>`, AS_ABI §8.2).
const RECORD: &str = "__Record";
/// The type name prefix of an opaque class (`__Internref9 extends Number`).
const INTERNREF: &str = "__Internref";
/// The member name prefix of an internref's class ids (`private __nominal9: symbol`).
const NOMINAL: &str = "__nominal";

impl Parser<'_> {
    pub(super) fn open_modern(&mut self, head: &str, line: u32) -> Ctx {
        let at_top = self.stack.is_empty();
        let decl = strip_modifiers(head);
        let doc = self.doc.take();
        let internal = doc.as_ref().and_then(|d| d.internal.clone());
        if at_top && decl == "namespace __AdaptedExports" {
            return Ctx::Namespace;
        }
        if let Some(rest) = strip_word(decl, "const")
            && let Some(name) = rest.strip_suffix(':').map(str::trim)
            && is_ident(name)
        {
            let global = DtsGlobal { name: name.to_string(), internal, ty: AsType::Void, mutable: false, line };
            return Ctx::Global(global, false);
        }
        if let Some(name) = strip_word(decl, "enum")
            && is_ident(name)
        {
            return Ctx::Enum(DtsEnum { name: name.to_string(), internal, members: Vec::new(), line });
        }
        if let Some(rest) = strip_word(decl, "interface")
            && let Some(rest) = rest.strip_prefix(RECORD)
            && let Some((id, generic)) = rest.split_once('<')
            && generic.ends_with('>')
            && let Ok(id) = id.trim().parse::<u32>()
        {
            let class = self.class_path(internal, line, &format!("{RECORD}{id}"));
            return Ctx::Record(DtsRecord { id, class, fields: Vec::new(), field_lines: Vec::new(), line }, None);
        }
        if let Some(rest) = strip_word(decl, "class")
            && let Some(rest) = rest.strip_prefix(INTERNREF)
            && let Some((id, base)) = rest.split_once(char::is_whitespace)
            && base.trim() == "extends Number"
            && let Ok(id) = id.parse::<u32>()
        {
            let class = self.class_path(internal, line, &format!("{INTERNREF}{id}"));
            return Ctx::Internref(DtsInternref { id, class, chain: Vec::new(), line });
        }
        if at_top
            && let Some(rest) = strip_word(decl, "function")
            && rest.starts_with("instantiate(")
        {
            self.saw_instantiate = true;
            return Ctx::Instantiate;
        }
        self.unexpected(
            line,
            &format!("{head} {{"),
            "`export declare const NAME: {`, `export declare enum NAME {`, `declare interface __RecordN<TOmittable> {`, \
             `declare class __InternrefN extends Number {` or `declare namespace __AdaptedExports {`",
        );
        Ctx::Skip
    }

    /// The class path from a record's / internref's JSDoc.
    fn class_path(&mut self, internal: Option<String>, line: u32, what: &str) -> String {
        internal.unwrap_or_else(|| {
            self.error(
                line,
                format!("`{what}` has no `/** path/to/Class */` comment before it"),
                "asc writes the class path in a comment before every record and internref type; regenerate \
                 the .d.ts with `asc --bindings raw` (or esm)",
            );
            String::new()
        })
    }

    /// The end of a block only the modern dialect opens: a global without a `@type` or an
    /// internref without ids is reported.
    pub(super) fn close_modern(&mut self, block: Ctx) {
        match block {
            Ctx::Global(global, has_type) => {
                if has_type {
                    self.dts.globals.push(global);
                } else {
                    let name = global.name.clone();
                    self.error(
                        global.line,
                        format!("global `{name}` has no `/** @type `TYPE` */` line"),
                        "asc writes the AssemblyScript type of every global in a `@type` comment; regenerate the \
                         .d.ts with `asc --bindings raw` (or esm)",
                    );
                }
            }
            Ctx::Record(r, _) => self.dts.records.push(r),
            Ctx::Internref(i) => {
                if i.chain.is_empty() {
                    let id = i.id;
                    self.error(
                        i.line,
                        format!("`{INTERNREF}{id}` lists no `private {NOMINAL}N: symbol;` members"),
                        HELP_MODERN,
                    );
                }
                self.dts.internrefs.push(i);
            }
            Ctx::Instantiate => self.after_instantiate = true,
            _ => {}
        }
    }

    /// A statement inside a block only the modern dialect opens: a global's accessor, a record
    /// field, an internref's `__nominal` id or an import module of `instantiate`.
    pub(super) fn stmt_modern_member(&mut self, text: &str, line: u32) {
        match self.stack.last_mut() {
            Some((Ctx::Global(global, _), _)) => {
                let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                if compact.starts_with("setvalue(") {
                    global.mutable = true;
                } else if !(compact == "getvalue()" || compact.starts_with("getvalue():")) {
                    self.unexpected(line, text, "`get value(): TYPE` or `set value(value: TYPE)`");
                }
            }
            Some((Ctx::Record(record, next), _)) => match (parse_typed_name(text), next.take()) {
                (Some((name, _, _)), Some(ty)) => {
                    record.fields.push((name.to_string(), ty));
                    record.field_lines.push(line);
                }
                (Some((name, _, _)), None) => {
                    let message = format!("record field `{name}` has no `/** @type `TYPE` */` line before it");
                    self.error(
                        line,
                        message,
                        "asc writes the AssemblyScript type of every record field in a `@type` comment; regenerate \
                         the .d.ts with `asc --bindings raw` (or esm)",
                    );
                }
                (None, _) => self.unexpected(line, text, "a record field `NAME: TYPE;`"),
            },
            Some((Ctx::Internref(internref), _)) => {
                let id = strip_word(text, "private")
                    .and_then(parse_typed_name)
                    .filter(|(_, _, ty)| *ty == "symbol")
                    .and_then(|(name, _, _)| name.strip_prefix(NOMINAL))
                    .and_then(|id| id.parse::<u32>().ok());
                match id {
                    Some(id) => internref.chain.push(id),
                    None => self.unexpected(line, text, "`private __nominalN: symbol;`"),
                }
            }
            Some((Ctx::Instantiate, _)) => {
                for entry in split_top_level(text, ',') {
                    if entry.is_empty() {
                        continue;
                    }
                    let module = entry.rsplit_once(':').and_then(|(name, _)| property_name(name));
                    match module {
                        Some(module) => self.dts.import_modules.push(module),
                        None => self.unexpected(line, entry, "an import module entry `NAME: unknown,`"),
                    }
                }
            }
            _ => {}
        }
    }

    pub(super) fn stmt_modern(&mut self, text: &str, line: u32) {
        let decl = strip_modifiers(text);
        let doc = self.doc.take();
        if let Some(rest) = strip_word(decl, "function") {
            let Some(sig) = parse_sig(rest) else {
                self.unexpected(line, text, "`export declare function NAME(PARAM: TYPE, ...): TYPE;`");
                return;
            };
            if is_runtime_export(&sig.name) {
                return;
            }
            self.modern_function(sig, doc, line);
            return;
        }
        if let Some(rest) = strip_word(decl, "const")
            && let Some((name, _, _)) = parse_typed_name(rest)
            && is_runtime_export(name)
        {
            return;
        }
        self.unexpected(
            line,
            text,
            "a JSDoc comment followed by `export declare function NAME(...): TYPE;`, `export declare const NAME: {` \
             or `export declare enum NAME {`",
        );
    }

    fn modern_function(&mut self, sig: Sig, doc: Option<Doc>, line: u32) {
        let name = sig.name;
        let Some(doc) = doc else {
            self.error(
                line,
                format!("function `{name}` has no JSDoc comment with its AssemblyScript types"),
                "asc writes `/** internal/name @param NAME `TYPE` @returns `TYPE` */` before every exported \
                 function; regenerate the .d.ts with `asc --bindings raw` (or esm)",
            );
            return;
        };
        let mut params = Vec::new();
        let mut ok = true;
        for (pname, optional, _) in sig.params {
            match doc.params.iter().find(|(n, _)| *n == pname) {
                Some((_, ty)) => params.push(DtsParam { name: pname, ty: AsType::parse(ty), optional }),
                None => {
                    ok = false;
                    self.error(
                        line,
                        format!("parameter `{pname}` of `{name}` has no `@param {pname} `TYPE`` line in its JSDoc"),
                        HELP_MODERN,
                    );
                }
            }
        }
        let result = match (&doc.returns, sig.ret.as_deref()) {
            (Some(ty), _) => AsType::parse(ty),
            (None, None | Some("void")) => AsType::Void,
            (None, Some(ts)) => {
                ok = false;
                self.error(
                    line,
                    format!("`{name}` returns `{ts}` but its JSDoc has no `@returns `TYPE`` line"),
                    HELP_MODERN,
                );
                AsType::Void
            }
        };
        if ok {
            self.dts.functions.push(DtsFunction { name, internal: doc.internal, params, result, line });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::super::*;
    use crate::astype::TypedArray;

    #[test]
    fn hello() {
        let dts = ok("hello.d.ts", fixture!("hello.d.ts"));
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        assert_eq!(
            names(&dts.functions, |f| &f.name),
            [
                "sqrt_sum_square",
                "get_hello_string",
                "expand_string",
                "generate_random_float_array",
                "generate_random_integer_array",
                "get_array",
                "get_float_array",
                "sum_array",
                "sum_float_array"
            ]
        );
        let f = func(&dts, "sqrt_sum_square");
        assert_eq!(f.internal.as_deref(), Some("src/hello/sqrt_sum_square"));
        assert_eq!(f.params, [param("a", F32, false), param("b", F32, false)]);
        assert_eq!(f.result, F32);
        assert_eq!(f.line, 16);
        assert_eq!(func(&dts, "get_hello_string").result, AsType::String);
        assert_eq!(func(&dts, "generate_random_float_array").result, AsType::TypedArray(TypedArray::Float32));
        assert_eq!(func(&dts, "sum_array").params[0].ty, AsType::TypedArray(TypedArray::Int32));
        assert_eq!(func(&dts, "sum_array").result, AsType::Scalar(Scalar::I64));
        assert_eq!(names(&dts.globals, |g| &g.name), ["Float32Array_ID", "Int32Array_ID"]);
        assert!(dts.globals.iter().all(|g| g.ty == U32 && !g.mutable));
        assert_eq!(dts.globals[0].internal.as_deref(), Some("src/hello/Float32Array_ID"));
        assert!(dts.enums.is_empty() && dts.records.is_empty() && dts.internrefs.is_empty() && dts.classes.is_empty());
        assert_eq!(dts.import_modules, ["env"]);
    }

    #[test]
    fn vector3d() {
        let dts = ok("vector3d.d.ts", fixture!("vector3d.d.ts"));
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        let vector = || class("src/vector3d/Vector3d");
        assert_eq!(func(&dts, "get_random_vectors").result, array(vector()));
        assert_eq!(func(&dts, "get_minimum_distance").params, [param("vs", array(vector()), false)]);
        assert_eq!(
            func(&dts, "vector_new").params,
            [param("x", F64, false), param("y", F64, false), param("z", F64, false)]
        );
        assert_eq!(func(&dts, "vector_new").result, vector());
        assert_eq!(func(&dts, "vector_coords").result, AsType::StaticArray(Box::new(F64)));
        // 5 functions of the source, 9 wrappers the asbind-classes transform adds.
        assert_eq!(dts.functions.len(), 14);
        assert_eq!(
            func(&dts, "Vector3d__m_distance").params,
            [param("self", vector(), false), param("o", vector(), false)]
        );
        assert_eq!(names(&dts.globals, |g| &g.name), ["VectorsArray_ID", "Vector3d_ID"]);
        assert_eq!(
            dts.internrefs,
            [DtsInternref { id: 4, class: "src/vector3d/Vector3d".into(), chain: vec![4, 0], line: 111 }]
        );
        assert_eq!(dts.import_modules, ["env"]);
    }

    #[test]
    fn imports() {
        let dts = ok("imports.d.ts", fixture!("imports.d.ts"));
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        assert_eq!(names(&dts.functions, |f| &f.name), ["greet", "add_via_host", "scale_via_host"]);
        assert_eq!(func(&dts, "greet").params, [param("who", AsType::String, false)]);
        assert_eq!(
            func(&dts, "scale_via_host").params,
            [param("values", AsType::TypedArray(TypedArray::Float64), false), param("k", F64, false)]
        );
        assert_eq!(dts.import_modules, ["env", "imports", "host"]);
    }

    #[test]
    fn stdlib() {
        let dts = ok("stdlib.d.ts", fixture!("stdlib.d.ts"));
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        assert_eq!(dts.functions.len(), 10);
        let do_trace = func(&dts, "do_trace");
        assert!(do_trace.params.is_empty());
        assert_eq!(do_trace.result, AsType::Void);
        assert_eq!(do_trace.internal.as_deref(), Some("src/stdlib/do_trace"));
        assert_eq!(func(&dts, "log_all").params, [param("s", AsType::String, false)]);
        assert_eq!(func(&dts, "log_all").result, AsType::Void);
        assert_eq!(func(&dts, "fail").result, AsType::Void);
        assert_eq!(func(&dts, "random_values").result, AsType::TypedArray(TypedArray::Float64));
        assert_eq!(func(&dts, "recurse").result, I32);
        assert!(dts.globals.is_empty());
        assert_eq!(dts.import_modules, ["env"]);
    }

    /// values, values_minimal and values_stub come from the same source.
    fn check_values(name: &str, text: &str) {
        let dts = ok(name, text);
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        assert_eq!(dts.functions.len(), 73);

        let concat = func(&dts, "concat");
        assert_eq!(concat.params, [param("a", AsType::String, false), param("b", AsType::String, false)]);
        assert_eq!(concat.result, AsType::String);
        assert_eq!(concat.internal.as_deref(), Some("src/values/concat"));
        assert_eq!(concat.line, 119);
        let with_defaults = func(&dts, "with_defaults");
        assert_eq!(with_defaults.params, [param("a", I32, false), param("b", I32, true)]);
        assert_eq!(with_defaults.line, 474);
        assert_eq!(
            func(&dts, "greet").params,
            [param("name", AsType::String, false), param("greeting", AsType::String, true)]
        );
        assert_eq!(
            func(&dts, "opt_tail").params,
            [
                param("a", F64, false),
                param("b", AsType::Scalar(Scalar::I64), true),
                param("c", nullable(AsType::String), true)
            ]
        );
        let mix = func(&dts, "mix_scalars");
        let kinds: Vec<_> = mix.params.iter().map(|p| p.ty.clone()).collect();
        assert_eq!(
            kinds,
            [Scalar::I8, Scalar::U16, Scalar::I64, Scalar::F32, Scalar::Bool].map(AsType::Scalar).to_vec()
        );
        assert_eq!(func(&dts, "upper_or_null").result, nullable(AsType::String));
        assert_eq!(func(&dts, "reverse_buffer").result, AsType::ArrayBuffer);
        assert_eq!(func(&dts, "twice_u8c").result, AsType::TypedArray(TypedArray::Uint8Clamped));
        assert_eq!(func(&dts, "twice_u64").result, AsType::TypedArray(TypedArray::Uint64));
        assert_eq!(func(&dts, "count_nulls").params[0].ty, array(nullable(AsType::String)));
        assert_eq!(func(&dts, "transpose").result, array(array(I32)));
        assert_eq!(func(&dts, "static_join").params[0].ty, AsType::StaticArray(Box::new(AsType::String)));
        assert_eq!(func(&dts, "make_mixed").result, class("src/values/Mixed"));
        assert_eq!(func(&dts, "centroid").params[0].ty, array(class("src/values/Point")));
        assert_eq!(func(&dts, "maybe_point").result, nullable(class("src/values/Point")));
        assert_eq!(func(&dts, "maybe_counter").result, nullable(class("src/values/Counter")));
        assert_eq!(func(&dts, "named_counter_new").result, class("src/values/NamedCounter"));

        let answer = global(&dts, "ANSWER");
        assert_eq!((answer.ty.clone(), answer.mutable), (I32, false));
        assert_eq!(answer.internal.as_deref(), Some("src/values/ANSWER"));
        assert_eq!(answer.line, 415);
        assert_eq!(global(&dts, "BIG_U64").ty, AsType::Scalar(Scalar::U64));
        assert_eq!((global(&dts, "GREETING").ty.clone(), global(&dts, "GREETING").mutable), (AsType::String, false));
        assert_eq!((global(&dts, "counter").ty.clone(), global(&dts, "counter").mutable), (I32, true));
        assert_eq!(global(&dts, "flag").ty, AsType::Scalar(Scalar::Bool));
        let message = global(&dts, "message");
        assert_eq!((message.ty.clone(), message.mutable, message.line), (AsType::String, true, 447));
        let maybe = global(&dts, "maybe_message");
        assert_eq!((maybe.ty.clone(), maybe.mutable), (nullable(AsType::String), true));
        assert_eq!(dts.globals.len(), 15);

        assert_eq!(
            dts.enums,
            [DtsEnum {
                name: "Color".into(),
                internal: Some("src/values/Color".into()),
                members: vec!["Red".into(), "Green".into(), "Blue".into()],
                line: 400,
            }]
        );

        assert_eq!(dts.records.iter().map(|r| r.id).collect::<Vec<_>>(), [39, 38, 7, 40]);
        let mixed = dts.records.iter().find(|r| r.id == 38).expect("record 38");
        assert_eq!(mixed.class, "src/values/Mixed");
        assert_eq!(mixed.line, 552);
        let expected = [
            ("a", AsType::Scalar(Scalar::U8)),
            ("b", F64),
            ("c", I32),
            ("s", AsType::String),
            ("t", AsType::Scalar(Scalar::Bool)),
            ("h", AsType::Scalar(Scalar::U16)),
            ("n", nullable(AsType::String)),
            ("big", AsType::Scalar(Scalar::I64)),
            ("ub", AsType::Scalar(Scalar::U64)),
            ("u", U32),
            ("f", F32),
            ("arr", array(I32)),
            ("inner", nullable(class("src/values/Inner"))),
        ];
        let expected: Vec<_> = expected.into_iter().map(|(n, t)| (n.to_string(), t)).collect();
        assert_eq!(mixed.fields, expected);
        let segment = dts.records.iter().find(|r| r.id == 40).expect("record 40");
        assert_eq!(segment.class, "src/values/Segment");
        assert_eq!(
            segment.fields,
            [
                ("from".into(), class("src/values/Point")),
                ("to".into(), class("src/values/Point")),
                ("label".into(), AsType::String)
            ]
        );
        let inner = dts.records.iter().find(|r| r.id == 39).expect("record 39");
        assert_eq!(inner.fields, [("v".into(), AsType::Scalar(Scalar::I8)), ("w".into(), AsType::Scalar(Scalar::I16))]);

        assert_eq!(
            dts.internrefs,
            [
                DtsInternref { id: 41, class: "src/values/Counter".into(), chain: vec![41, 0], line: 597 },
                DtsInternref { id: 42, class: "src/values/NamedCounter".into(), chain: vec![42, 41, 0], line: 602 },
            ]
        );
        assert!(dts.classes.is_empty());
        assert_eq!(dts.import_modules, ["env"]);
    }

    #[test]
    fn values() {
        check_values("values.d.ts", fixture!("values.d.ts"));
    }

    #[test]
    fn values_minimal() {
        check_values("values_minimal.d.ts", fixture!("values_minimal.d.ts"));
    }

    #[test]
    fn values_stub() {
        check_values("values_stub.d.ts", fixture!("values_stub.d.ts"));
    }

    /// An ESM file following §8.2, written by hand.
    #[test]
    fn esm_dialect() {
        let text = r#"/** Exported memory */
export declare const memory: WebAssembly.Memory;
/** Exported table */
export declare const table: WebAssembly.Table;
// Exported runtime interface
export declare function __new(size: number, id: number): number;
export declare function __pin(ptr: number): number;
export declare function __unpin(ptr: number): void;
export declare function __collect(): void;
export declare const __rtti_base: number;
/**
 * index/add
 * @param a `i32`
 * @param b `i32`
 * @returns `i32`
 */
export declare function add(a: number, b?: number): number;
/**
 * index/log
 * @param s `~lib/string/String | null`
 */
export declare function log(s: string | null): void;
/**
 * index/pair
 * @param p `index/Pair`
 * @param f `(i32) => i32`
 * @returns `index/Thing`
 */
export declare function pair(p: __Record5<undefined>, f: __Internref6): __Internref6;
/** index/LIMIT */
export declare const LIMIT: {
  /** @type `u64` */
  get value(): bigint
};
/** index/names */
export declare const names: {
  /** @type `~lib/array/Array<~lib/string/String|null>` */
  get value(): Array<string | null>;
  set value(value: Array<string | null>);
};
/** index/Mode */
export declare enum Mode {
  /** @type `i32` */
  A,
  /** @type `i32` */
  B,
}
/** index/Pair */
declare interface __Record5<TOmittable> {
  /** @type `u8` */
  key: number | TOmittable;
  /** @type `~lib/string/String` */
  value: string;
}
/** index/Thing */
declare class __Internref6 extends Number {
  private __nominal6: symbol;
}
"#;
        let dts = ok("esm.d.ts", text);
        assert_eq!(dts.dialect, Dialect::Esm);
        assert_no_runtime(&dts);
        assert_eq!(names(&dts.functions, |f| &f.name), ["add", "log", "pair"]);
        assert_eq!(func(&dts, "add").params, [param("a", I32, false), param("b", I32, true)]);
        assert_eq!(func(&dts, "add").line, 17);
        assert_eq!(func(&dts, "log").params, [param("s", nullable(AsType::String), false)]);
        assert_eq!(func(&dts, "log").result, AsType::Void);
        let pair = func(&dts, "pair");
        assert_eq!(pair.params[0].ty, class("index/Pair"));
        assert!(matches!(pair.params[1].ty, AsType::Other(_)));
        assert_eq!(pair.result, class("index/Thing"));
        assert_eq!(
            (global(&dts, "LIMIT").ty.clone(), global(&dts, "LIMIT").mutable),
            (AsType::Scalar(Scalar::U64), false)
        );
        assert_eq!(global(&dts, "names").ty, array(nullable(AsType::String)));
        assert!(global(&dts, "names").mutable);
        assert_eq!(dts.enums[0].members, ["A", "B"]);
        assert_eq!(
            dts.records,
            [DtsRecord {
                id: 5,
                class: "index/Pair".into(),
                fields: vec![("key".into(), AsType::Scalar(Scalar::U8)), ("value".into(), AsType::String)],
                field_lines: vec![51, 53],
                line: 49,
            }]
        );
        assert_eq!(dts.internrefs[0].chain, [6]);
        assert!(dts.import_modules.is_empty());
    }

    #[test]
    fn quoted_import_module_names() {
        let text = "declare namespace __AdaptedExports {\n}\n\
            export declare function instantiate(module: WebAssembly.Module, imports: {\n  env: unknown,\n  \
            \"my-mod,x\": unknown,\n  \"q\\\"uote\": unknown,\n}): Promise<typeof __AdaptedExports>;\n";
        let dts = ok("quoted.d.ts", text);
        assert_eq!(dts.import_modules, ["env", "my-mod,x", "q\"uote"]);
    }

    #[test]
    fn unknown_line_in_a_fixture_is_reported_where_it_is() {
        let mut lines: Vec<&str> = fixture!("hello.d.ts").lines().collect();
        lines.insert(2, "  export let oops = 3;");
        lines.insert(44, "    get value(): number;  weird stuff;");
        let text = lines.join("\n");
        let diags = parse(Path::new("hello.d.ts"), &text).unwrap_err();
        assert_eq!(diags.iter().map(|d| d.line).collect::<Vec<_>>(), [Some(3), Some(45)], "{diags:?}");
        assert_eq!(diags[0].help.as_deref(), Some(HELP_MODERN));
        assert!(diags[0].message.contains("export let oops = 3"));
    }

    #[test]
    fn missing_jsdoc_types_are_reported() {
        let text = "/**\n * index/f\n * @param a `i32`\n */\nexport declare function f(a: number, b: number): number;\n\
                    export declare function g(): void;\n";
        let diags = parse(Path::new("x.d.ts"), text).unwrap_err();
        let messages: Vec<_> = diags.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].1.contains("parameter `b`") && messages[0].0 == Some(5));
        assert!(messages[1].1.contains("@returns"));
        assert!(messages[2].1.contains("`g` has no JSDoc") && messages[2].0 == Some(6));
    }
}
