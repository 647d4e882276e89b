// asbind-classes: an AssemblyScript (0.20+) transform that exports classes as plain functions.
//
// Since 0.20, asc exports no class members (warning AS235), so a host cannot call methods,
// constructors or accessors. For every exported, non-generic class `C` declared in an entry file
// this transform adds exported wrapper functions (parameter defaults and types copied as written):
//
//   C__new(ctor params): C                 public constructor (explicit, or implicit and inherited)
//   C__m_<name>(self: C, params): R        public instance method
//   C__s_<name>(params): R                 public static method
//   C__get_<name>(self: C): T              public instance field or `get` accessor
//   C__set_<name>(self: C, value: T): void public non-readonly instance field or `set` accessor
//   C__sget_<name>(): T                    public static field or static `get` accessor
//   C__sset_<name>(value: T): void         public non-readonly static field or static `set` accessor
//
// Members a subclass inherits from a base class declared in the same file are wrapped under the
// subclass's prefix too, unless it overrides them; statics are not inherited. A base from another
// file contributes no wrappers (its own `B__m_…` accept subclass instances), and if the subclass
// has no constructor of its own, it gets no `C__new` (the inherited parameters are unknown).
// Skipped: records (classes asc copies by value: no base, no constructor, no private or protected
// member; a wrapper would act on a temporary copy), private/protected and `#` members, generic methods, anything with rest parameters,
// constructors of abstract classes, `declare` classes. `export { C as D }` gives `D__…` wrappers.
// A `this` in a copied default becomes the receiver (`self`, or `_self` if a parameter is called
// `self`). The wrappers are parsed as the virtual file
// `<entry>.asbind.ts` (errors point there) and moved into the entry file, so every name the class
// uses is in scope. Members that nothing used before are now compiled (and type-checked).
// ASBIND_CLASSES_DEBUG=1 prints the generated source to stderr.
// It also writes a custom section `asbind` with what the .d.ts erases: which parameters and
// results of exported functions are enums, and each managed class's base (see SECTION below).
//
// Get it:  asbind transform --out <dir>   (or `asbind_build::write_transform(dir)` in build.rs)
// Use:  asc entry.ts --transform <dir>/asbind-classes.mjs
//  or asconfig.json:  "options": { "transform": ["<dir>/asbind-classes.mjs"] }
// No dependencies: the compiler's enum values are read off a probe parse (they differ by version).

const PROBE = `
export class P { a: i32; public b: i32; private c: i32; protected d: i32; readonly e: i32; static f: i32;
  constructor() {} m(): void {} n<T>(): void {} get g(): i32 { return 0; } set g(v: i32) {} }
class T {} abstract class Q {} class R<X> {} declare class S {}
function p(a: i32, b?: i32, ...c: i32[]): void {}
export { T as U };
enum V { A }
`;

/** Node kinds, flag bits and parameter kinds of the running compiler, taken from a probe parse. */
function calibrate(parser) {
  const probe = new parser.constructor();
  probe.parseFile(PROBE, "asbind-probe.ts", true);
  const source = probe.sources[0];
  const [P, T, Q, R, S, p, U, V] = source.statements;
  const [a, , c, d, e, f, ctor, plain, generic, get, set] = P.members;
  const bit = (node, base) => node.flags & ~base.flags;
  const k = {
    userEntry: source.sourceKind,
    classKind: P.kind, fieldKind: a.kind, methodKind: plain.kind, exportKind: U.kind,
    functionKind: p.kind, enumKind: V.kind,
    export: bit(P, T), abstract: bit(Q, T), genericClass: bit(R, T), ambient: bit(S, T),
    private: bit(c, a), protected: bit(d, a), readonly: bit(e, a), static: bit(f, a),
    ctor: bit(ctor, plain), generic: bit(generic, plain), get: bit(get, plain), set: bit(set, plain),
    optional: p.signature.parameters[1].parameterKind, rest: p.signature.parameters[2].parameterKind,
  };
  const flags = ["export", "abstract", "genericClass", "ambient", "private", "protected", "readonly",
    "static", "ctor", "generic", "get", "set"];
  for (const [name, value] of Object.entries(k)) {
    if (typeof value !== "number" || (flags.includes(name) && value === 0)) {
      throw new Error(`asbind-classes: cannot read '${name}' off this compiler's AST`);
    }
  }
  if (k.optional === k.rest) throw new Error("asbind-classes: cannot tell parameter kinds apart");
  return k;
}

/** Source text of a node (types and initializers are copied as written). */
const text = node => node.range.toString();

export default class AsbindClasses {
  afterParse(parser) {
    const k = calibrate(parser);
    const entries = parser.sources.filter(s => s.sourceKind === k.userEntry && !s.internalPath.startsWith("~lib/"));
    this.typeLines = [];
    for (const source of entries) {
      const code = wrappersForSource(source, k);
      if (code) {
        const path = source.normalizedPath.replace(/\.ts$/, "") + ".asbind.ts";
        if (process.env.ASBIND_CLASSES_DEBUG) this.log(`// ${path}\n${code}`);
        parser.parseFile(code, path, true);
        const virtual = parser.sources.find(s => s.normalizedPath === path);
        // Move the wrappers into the entry file: same scope as the class, exported from the entry.
        source.statements.push(...virtual.statements);
        virtual.statements.length = 0;
      }
      this.typeLines.push(...enumTypes(source, k));
    }
  }

  /** Records what the `.d.ts` erases in the `asbind` custom section (read by asbind's generator). */
  afterCompile(module) {
    const lines = [SECTION_VERSION, ...this.typeLines, ...classLines(this.program)];
    module.addCustomSection(SECTION, new TextEncoder().encode(lines.join("\n") + "\n"));
  }
}

/** Custom section name and first line. Lines after it (space-separated words):
 *    enum <export> <param index | "result"> <enum>   a parameter or result declared as an exported enum
 *    class <id> <base id | "-"> <internal name>        a managed class of the program and its base
 */
const SECTION = "asbind";
const SECTION_VERSION = "asbind-types 1";

/** Exported functions (wrappers included) whose parameters or result are declared as an
 *  exported enum of the same file: the `.d.ts` says `i32`. */
function enumTypes(source, k) {
  const exported = exportedNames(source, k);
  const enums = new Set(source.statements.filter(s => s.kind === k.enumKind).map(s => s.name.text));
  const functions = source.statements.filter(s => s.kind === k.functionKind);
  const enumName = type => {
    const t = type && text(type).trim();
    return t && enums.has(t) && exported.has(t) ? exported.get(t)[0] : null;
  };
  const out = [];
  for (const f of functions) {
    for (const name of exported.get(f.name.text) || []) {
      f.signature.parameters.forEach((p, i) => {
        const e = enumName(p.type);
        if (e) out.push(`enum ${name} ${i} ${e}`);
      });
      const r = enumName(f.signature.returnType);
      if (r) out.push(`enum ${name} result ${r}`);
    }
  }
  return out;
}

/** Every managed class of the program with its base, by runtime id (the RTTI has no bases
 *  since 0.23). */
function classLines(program) {
  const out = [];
  for (const [id, cls] of program.managedClasses || []) {
    out.push(`class ${id} ${cls.base ? cls.base.id : "-"} ${cls.internalName.replace(/\s/g, "")}`);
  }
  return out;
}

/** Local name -> the names it is exported under (`export class C`, `export { f as g }`), in
 *  statement order. */
function exportedNames(source, k) {
  const out = new Map();
  const add = (local, name) => out.set(local, [...(out.get(local) || []), name]);
  for (const s of source.statements) {
    if (s.kind === k.exportKind && !s.path && s.members) {
      for (const member of s.members) add(member.localName.text, member.exportedName.text);
    } else if (s.flags & k.export && s.name) {
      add(s.name.text, s.name.text);
    }
  }
  return out;
}

function wrappersForSource(source, k) {
  // Local name -> declaration (exported or not: bases may be private).
  const classes = new Map(source.statements.filter(s => s.kind === k.classKind).map(s => [s.name.text, s]));
  const out = [];
  for (const [local, names] of exportedNames(source, k)) {
    const decl = classes.get(local);
    if (!decl || decl.flags & (k.genericClass | k.ambient) || decl.typeParameters) continue;
    // A record crosses the boundary by value: wrappers would act on a temporary copy.
    if (isRecord(decl, k)) continue;
    for (const name of names) out.push(...wrappersForClass(decl, name, classes, k));
  }
  return out.join("\n");
}

/**
 * Whether asc treats the class as a record ("plain object", AS_ABI §4.3): no explicit base, no
 * constructor written, no private or protected member. Hosts copy records by value.
 */
function isRecord(decl, k) {
  const ctor = m => m.kind === k.methodKind && (m.flags & k.ctor || m.name.text === "constructor");
  return !decl.extendsType && !decl.members.some(m => ctor(m) || m.flags & (k.private | k.protected));
}

/** Base class declared in the same file and usable as written (not generic, not qualified). */
function baseOf(decl, classes) {
  const ext = decl.extendsType;
  if (!ext || ext.name.next || (ext.typeArguments && ext.typeArguments.length)) return null;
  const base = classes.get(ext.name.identifier.text);
  return base && !base.typeParameters ? base : null;
}

function wrappersForClass(decl, prefix, classes, k) {
  const cls = decl.name.text;
  const isPublic = m => !(m.flags & (k.private | k.protected)) && !m.name.text.startsWith("#");
  const isCtor = m => m.kind === k.methodKind && (m.flags & k.ctor || m.name.text === "constructor");
  const chain = []; // decl and its bases in this file, nearest first
  for (let c = decl; c && !chain.includes(c); c = baseOf(c, classes)) chain.push(c);
  const out = [];

  // Constructor: the nearest explicit one up the chain; an implicit root one takes no parameters.
  const owner = chain.find(c => c.members.some(isCtor));
  const ctor = owner && owner.members.find(isCtor);
  const known = ctor || !chain[chain.length - 1].extendsType;
  if (!(decl.flags & k.abstract) && known && (!ctor || (isPublic(ctor) && !hasRest(ctor.signature, k)))) {
    const params = ctor ? ctor.signature.parameters : [];
    out.push(fn(`${prefix}__new`, paramList(params, k), cls, `new ${cls}(${args(params)})`));
  }

  // Members: own first, then inherited instance members not overridden (nearest base first).
  const seen = new Set();
  for (const c of chain) {
    for (const m of c.members) {
      if (!isPublic(m) || isCtor(m)) continue;
      const isStatic = (m.flags & k.static) !== 0;
      if (isStatic && c !== decl) continue; // statics are not inherited
      for (const w of memberWrappers(m, cls, prefix, isStatic, k)) {
        if (seen.has(w.key)) continue;
        seen.add(w.key);
        out.push(w.code);
      }
    }
  }
  return out;
}

const hasRest = (sig, k) => sig.parameters.some(p => p.parameterKind === k.rest);

function memberWrappers(m, cls, prefix, isStatic, k) {
  const name = m.name.text;
  const sig = m.kind === k.methodKind ? m.signature : null;
  let recv = "self"; // the receiver parameter, renamed if the method has a parameter called `self`
  while (sig && sig.parameters.some(p => p.name.text === recv)) recv = "_" + recv;
  const target = isStatic ? `${cls}.${name}` : `${recv}.${name}`;
  const self = isStatic ? "" : `${recv}: ${cls}`;
  const s = isStatic ? "s" : "";
  const list = [];
  const add = (key, params, ret, body) =>
    list.push({ key, code: fn(`${prefix}__${key}`, [self, ...params].filter(Boolean).join(", "), ret, body) });

  if (m.kind === k.fieldKind) {
    if (!m.type) return list; // untyped fields do not parse in AS
    const type = text(m.type);
    add(`${s}get_${name}`, [], type, target);
    if (!(m.flags & k.readonly)) add(`${s}set_${name}`, [`value: ${type}`], "void", `${target} = value`);
  } else if (sig) {
    if (m.flags & k.get) {
      add(`${s}get_${name}`, [], retType(sig, cls), target);
    } else if (m.flags & k.set) {
      add(`${s}set_${name}`, [`value: ${text(sig.parameters[0].type)}`], "void", `${target} = value`);
    } else if (!(m.flags & k.generic) && !m.typeParameters && !hasRest(sig, k)) {
      const params = paramList(sig.parameters, k, isStatic ? null : recv);
      add(`${isStatic ? "s" : "m"}_${name}`, params ? [params] : [], retType(sig, cls), `${target}(${args(sig.parameters)})`);
    }
  }
  return list;
}

function retType(sig, cls) {
  const t = text(sig.returnType);
  return t === "this" ? cls : t;
}

/** `name?: T` / `name: T = default`, as written; `this` in a default becomes the receiver. */
function paramList(params, k, recv = null) {
  return params.map(p => {
    const name = p.name.text;
    const opt = p.parameterKind === k.optional && !p.initializer ? "?" : "";
    let init = p.initializer ? ` = ${text(p.initializer)}` : "";
    if (recv) init = init.replace(/\bthis\b/g, recv);
    return `${name}${opt}: ${text(p.type)}${init}`;
  }).join(", ");
}

const args = params => params.map(p => p.name.text).join(", ");

function fn(name, params, ret, expr) {
  const body = ret === "void" ? `${expr};` : `return ${expr};`;
  return `export function ${name}(${params}): ${ret} {\n  ${body}\n}`;
}
