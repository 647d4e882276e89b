//! The record pass: records named, their fields laid out (AS_ABI §4.1) and typed; the fields
//! that close a cycle of records boxed; wrapper exports of record classes left out.

use crate::astype::AsType;
use crate::diag::Diagnostic;
use crate::input::dts::Dts;
use crate::names::{Scope, camel, snake};

use super::builder::{Builder, is_buffer};
use super::classes::class_name;
use super::{Field, Function, Record, Ty};

/// Field layout of a record (AS_ABI §4.1): declaration order, each field aligned to its own
/// size, no tail padding. Returns the offsets and the size.
pub fn layout(fields: &[AsType]) -> (Vec<u32>, u32) {
    let mut off = 0u32;
    let offsets = fields
        .iter()
        .map(|f| {
            let size = f.slot_size();
            off = (off + size - 1) & !(size - 1);
            let at = off;
            off += size;
            at
        })
        .collect();
    (offsets, off)
}

impl Builder<'_> {
    /// Names every record and makes its class path resolvable (fields come later: records nest).
    pub(super) fn declare_records(&mut self, dts: &Dts, types: &mut Scope) {
        for r in &dts.records {
            let name = types.unique(&camel(class_name(&r.class)));
            self.by_path.insert(r.class.clone(), Ty::Record(self.records.len()));
            self.records.push(Record {
                id: r.id,
                class: r.class.clone(),
                name,
                fields: Vec::new(),
                size: 0,
                default: true,
            });
        }
    }

    /// Lays out and types the fields of every record, once every class is known.
    pub(super) fn record_fields(&mut self, dts: &Dts) {
        for (i, r) in dts.records.iter().enumerate() {
            let as_types: Vec<AsType> = r.fields.iter().map(|(_, t)| t.clone()).collect();
            let (offsets, size) = layout(&as_types);
            let mut scope = Scope::default();
            let mut fields = Vec::new();
            for (k, ((as_name, ty), offset)) in r.fields.iter().zip(offsets).enumerate() {
                let what = format!("field `{as_name}` of record `{}`", r.class);
                // The field's own line (the record's, for a hand-built `Dts`).
                let line = r.field_lines.get(k).copied().unwrap_or(r.line);
                let Some(resolved) = self.resolve(ty, line, &what) else { continue };
                if is_buffer(&resolved) {
                    self.errors.push(
                        Diagnostic::new(
                            &dts.path,
                            Some(line),
                            format!("{what} is an ArrayBuffer, which asbind cannot marshal inside a record yet"),
                        )
                        .help("use a typed array (e.g. Uint8Array) for the field"),
                    );
                }
                fields.push(Field {
                    as_name: as_name.clone(),
                    name: scope.unique(&snake(as_name)),
                    ty: resolved,
                    offset,
                    doc: ty.to_string(),
                    boxed: false,
                });
            }
            self.records[i].fields = fields;
            self.records[i].size = size;
        }
        box_cycles(&mut self.records);
    }
}

/// The record a field of type `ty` holds inline (`T`, or `T | null`), and whether it is
/// nullable: the edges of the record graph. A record inside an array is behind a `Vec`
/// already, so arrays are no edges.
fn inline_record(ty: &Ty) -> Option<(usize, bool)> {
    match ty {
        Ty::Record(j) => Some((*j, false)),
        Ty::Nullable(t) => match **t {
            Ty::Record(j) => Some((j, true)),
            _ => None,
        },
        _ => None,
    }
}

/// Boxes every field that holds a record of its own record's strongly connected component (a
/// self-reference, or a mutual recursion `A { b: B | null }`, `B { a: A | null }`), as
/// prost-build does: without the box the struct would contain itself (E0072). Fields through
/// arrays (`kids: Tree[]`, a `Vec<Tree>`) need none. Records that reach a cycle of
/// non-nullable fields have no finite value, so they derive no `Default`.
pub(super) fn box_cycles(records: &mut [Record]) {
    let edges: Vec<Vec<(usize, bool)>> =
        records.iter().map(|r| r.fields.iter().filter_map(|f| inline_record(&f.ty)).collect()).collect();
    let plain: Vec<Vec<usize>> = edges.iter().map(|e| e.iter().map(|&(j, _)| j).collect()).collect();
    let component = components(&plain);
    for (i, r) in records.iter_mut().enumerate() {
        for f in &mut r.fields {
            if let Some((j, _)) = inline_record(&f.ty) {
                f.boxed = component[i] == component[j];
            }
        }
    }
    // A record has a finite value when every non-nullable record field has one.
    let mut finite = vec![false; records.len()];
    let mut changed = true;
    while changed {
        changed = false;
        for (i, e) in edges.iter().enumerate() {
            if !finite[i] && e.iter().all(|&(j, nullable)| nullable || finite[j]) {
                finite[i] = true;
                changed = true;
            }
        }
    }
    for (r, finite) in records.iter_mut().zip(finite) {
        r.default = finite;
    }
}

/// The strongly connected components of a graph given by adjacency lists: a component number
/// for every node. Tarjan's algorithm, with an explicit stack so that a long chain of records
/// cannot overflow the generator's own stack.
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let (mut next_index, mut next_component) = (0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        // (node, next edge to follow): the recursion of the textbook version.
        let mut calls = vec![(root, 0usize)];
        while let Some(&(v, e)) = calls.last() {
            if let Some(&w) = edges[v].get(e) {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if w >= n {
                    continue;
                }
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(u, _)) = calls.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Leaves out the wrapper exports an older `asbind-classes` transform added for record classes
/// (`P__get_x`, `P__set_x`, `P__m_norm2`, `P__new`): a record crosses by value, so its fields
/// are the struct's fields already, and a setter or method would act on a temporary copy made
/// for the call and succeed without changing anything. A note lists what was left out.
/// Static members (`P__s_x`, `P__sget_x`, ...) involve no copy and stay.
pub(super) fn drop_record_wrappers(functions: &mut Vec<Function>, records: &[Record], notes: &mut Vec<String>) {
    let is_record_wrapper = |f: &Function| {
        let Some((prefix, rest)) = f.export.split_once("__") else { return false };
        let Some(ri) = records.iter().position(|r| class_name(&r.class) == prefix) else { return false };
        let on_self = ["get_", "set_", "m_"].iter().any(|tag| rest.strip_prefix(tag).is_some_and(|m| !m.is_empty()))
            && f.params.first().is_some_and(|p| p.ty == Ty::Record(ri));
        let constructor = rest == "new" && f.result == Ty::Record(ri);
        on_self || constructor
    };
    let dropped: Vec<String> = functions.iter().filter(|f| is_record_wrapper(f)).map(|f| f.export.clone()).collect();
    if dropped.is_empty() {
        return;
    }
    functions.retain(|f| !is_record_wrapper(f));
    notes.push(format!(
        "not bound: {}, wrappers an older asbind-classes transform wrote for record classes (classes without a \
         constructor); a record is copied into Rust by value, so its fields are the struct's fields, and a setter \
         or method would act on a temporary copy; rebuild the module with the current transform, or give the \
         class a constructor to hold it by handle",
        dropped.join(", ")
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_follows_the_abi() {
        // AS_ABI §4.2: class Mixed { a:u8 b:f64 c:i32 s:string t:bool h:u16 n:string|null big:i64 ub:u64 u:u32 f:f32 arr:i32[] inner:Inner|null }
        let t = |s: &str| AsType::parse(s);
        let fields = [
            t("u8"),
            t("f64"),
            t("i32"),
            t("~lib/string/String"),
            t("bool"),
            t("u16"),
            t("~lib/string/String | null"),
            t("i64"),
            t("u64"),
            t("u32"),
            t("f32"),
            t("~lib/array/Array<i32>"),
            t("src/values/Inner | null"),
        ];
        let (offsets, size) = layout(&fields);
        assert_eq!(offsets, [0, 8, 16, 20, 24, 26, 28, 32, 40, 48, 52, 56, 60]);
        assert_eq!(size, 64);
        assert_eq!(layout(&[t("i8"), t("i16")]), (vec![0, 2], 4));
    }

    fn record(name: &str, fields: Vec<Ty>) -> Record {
        let fields = fields
            .into_iter()
            .enumerate()
            .map(|(i, ty)| Field {
                as_name: format!("f{i}"),
                name: format!("f{i}"),
                ty,
                offset: 4 * i as u32,
                doc: String::new(),
                boxed: false,
            })
            .collect();
        Record { id: 0, class: name.into(), name: name.into(), fields, size: 0, default: true }
    }

    fn nullable(t: Ty) -> Ty {
        Ty::Nullable(Box::new(t))
    }

    fn boxed(r: &Record) -> Vec<bool> {
        r.fields.iter().map(|f| f.boxed).collect()
    }

    #[test]
    fn components_follow_cycles() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3, 3 -> 3, 4 alone, an edge out of range ignored.
        let c = components(&[vec![1], vec![2], vec![0, 3], vec![3], vec![99]]);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[4] != c[3]);
        // A long chain does not recurse.
        let chain: Vec<Vec<usize>> = (0..200_000).map(|i| vec![(i + 1) % 200_000]).collect();
        let c = components(&chain);
        assert!(c.iter().all(|&x| x == c[0]));
    }

    #[test]
    fn only_fields_inside_a_cycle_are_boxed() {
        let mut records = vec![
            // 0: Node { v: i32, next: Node | null }
            record("Node", vec![Ty::Scalar(crate::astype::Scalar::I32), nullable(Ty::Record(0))]),
            // 1: Tree { kids: Tree[] }: no box.
            record("Tree", vec![Ty::Array(Box::new(Ty::Record(1)))]),
            // 2: A { b: B | null }, 3: B { a: A | null, n: Node | null, t: Tree }
            record("A", vec![nullable(Ty::Record(3))]),
            record("B", vec![nullable(Ty::Record(2)), nullable(Ty::Record(0)), Ty::Record(1)]),
            // 4: Knot { k: Knot }: boxed, and no finite value; 5: Holder { k: Knot | null }: fine.
            record("Knot", vec![Ty::Record(4)]),
            record("Holder", vec![nullable(Ty::Record(4))]),
            // 6: Uses { k: Knot }: no finite value either.
            record("Uses", vec![Ty::Record(4)]),
        ];
        box_cycles(&mut records);
        assert_eq!(boxed(&records[0]), [false, true]);
        assert_eq!(boxed(&records[1]), [false]);
        assert_eq!(boxed(&records[2]), [true]);
        assert_eq!(boxed(&records[3]), [true, false, false]);
        assert_eq!(boxed(&records[4]), [true]);
        assert_eq!(boxed(&records[5]), [false]);
        let defaults: Vec<bool> = records.iter().map(|r| r.default).collect();
        assert_eq!(defaults, [true, true, true, true, false, true, false]);
    }
}
