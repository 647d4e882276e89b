//! The record pass: records named, their fields laid out (AS_ABI §4.1) and typed.

use crate::astype::AsType;
use crate::diag::Diagnostic;
use crate::input::dts::Dts;
use crate::names::{Scope, camel, snake};

use super::builder::{Builder, is_buffer};
use super::classes::class_name;
use super::{Field, Record, Ty};

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
            self.records.push(Record { id: r.id, class: r.class.clone(), name, fields: Vec::new(), size: 0 });
        }
    }

    /// Lays out and types the fields of every record, once every class is known.
    pub(super) fn record_fields(&mut self, dts: &Dts) {
        for (i, r) in dts.records.iter().enumerate() {
            let as_types: Vec<AsType> = r.fields.iter().map(|(_, t)| t.clone()).collect();
            let (offsets, size) = layout(&as_types);
            let mut scope = Scope::default();
            let mut fields = Vec::new();
            for ((as_name, ty), offset) in r.fields.iter().zip(offsets) {
                let what = format!("field `{as_name}` of record `{}`", r.class);
                let Some(resolved) = self.resolve(ty, r.line, &what) else { continue };
                if is_buffer(&resolved) {
                    self.errors.push(
                        Diagnostic::new(
                            &dts.path,
                            Some(r.line),
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
                });
            }
            self.records[i].fields = fields;
            self.records[i].size = size;
        }
    }
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
}
