//! The enum pass: parameters and results the transform's custom section says are enums (the
//! `.d.ts` erases them to `i32`) become the module's Rust enums in the signatures.

use crate::astype::{Scalar, WasmType};
use crate::input::section::{Section, Slot};

use super::{Enum, EnumSlot, Function, Ty};

/// The slots of `section` that name an exported enum of the model and an `i32` of the export's
/// signature; anything else (an older wasm, an enum the bindings do not have) stays `i32`.
pub(super) fn enum_slots(section: Option<&Section>, functions: &[Function], enums: &[Enum]) -> Vec<EnumSlot> {
    let Some(section) = section else { return Vec::new() };
    let is_i32 = |ty: &Ty| matches!(ty, Ty::Scalar(Scalar::I32) | Ty::Raw(WasmType::I32));
    section
        .enums
        .iter()
        .filter_map(|s| {
            let f = functions.iter().find(|f| f.export == s.export)?;
            let ty = match s.slot {
                Slot::Param(i) => &f.params.get(i)?.ty,
                Slot::Result => &f.result,
            };
            // An enum with start-time values has no fixed `i32` conversion: it stays `i32`.
            let index = enums.iter().position(|e| e.as_name == s.enum_name && !e.is_start_time())?;
            is_i32(ty).then(|| EnumSlot { export: s.export.clone(), slot: s.slot, enum_index: index })
        })
        .collect()
}
