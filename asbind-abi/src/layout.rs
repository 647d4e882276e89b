//! The object header and the payload layouts of the built-in classes (AS_ABI §2).

/// Size of the header below every managed payload: mmInfo, gcInfo, gcInfo2, rtId, rtSize.
pub const HEADER_SIZE: u32 = 20;
/// Distance below the payload of the runtime type id (`rtId`).
pub const RT_ID_BELOW: u32 = 8;
/// Distance below the payload of the payload size (`rtSize`, as passed to `__new`).
pub const RT_SIZE_BELOW: u32 = 4;
/// Managed payloads start at addresses that are multiples of this: objects from the TLSF
/// allocator (incremental and minimal runtimes) and from the stub runtime's bump allocator,
/// and static objects in data segments alike.
pub const PAYLOAD_ALIGN: u32 = 16;
/// Distance below the payload of `mmInfo`, the allocator's word: the block size (the bytes
/// after this word: the rest of the header, the payload and any slack) and two flag bits.
pub const MM_INFO_BELOW: u32 = HEADER_SIZE;
/// `mmInfo` bit set while the block is free (TLSF); a live object never has it.
pub const MM_INFO_FREE: u32 = 0x1;
/// The `mmInfo` bits that are flags, not size (`FREE`, and `LEFTFREE` = 2, which live blocks may
/// carry).
pub const MM_INFO_FLAGS: u32 = 0x3;
/// The header words after `mmInfo` (gcInfo, gcInfo2, rtId, rtSize), which the block size counts:
/// a live object's block size is at least `rtSize + OBJECT_OVERHEAD`. Static objects carry the
/// size the allocator would have given them, `((rtSize + HEADER_SIZE + 15) & !15) - 4`.
pub const OBJECT_OVERHEAD: u32 = HEADER_SIZE - 4;
/// `__new` aborts ("Allocation too large") at sizes from `2^30 - HEADER_SIZE`; hosts refuse
/// earlier, at this many bytes, with an error of their own.
pub const MAX_ALLOCATION: u32 = (1 << 30) - 32;

/// Payload size of a typed array (and `DataView`): `buffer`, `dataStart`, `byteLength`.
pub const TYPED_ARRAY_SIZE: u32 = 12;
/// Payload size of an `Array<T>`: `buffer`, `dataStart`, `byteLength` (capacity), `length_`.
pub const ARRAY_SIZE: u32 = 16;

/// Offset of the backing `ArrayBuffer` pointer in a typed array or `Array<T>`.
pub const BUFFER_OFFSET: u32 = 0;
/// Offset of `dataStart` (the absolute address of element 0) in a typed array or `Array<T>`.
pub const DATA_START_OFFSET: u32 = 4;
/// Offset of `byteLength` in a typed array or `Array<T>` (for arrays: the capacity in bytes).
pub const BYTE_LENGTH_OFFSET: u32 = 8;
/// Offset of `length_` (the element count) in an `Array<T>`.
pub const ARRAY_LENGTH_OFFSET: u32 = 12;

/// Size in bytes of a managed reference (a pointer field or array slot) on wasm32.
pub const POINTER_SIZE: u32 = 4;
/// log2 of [`POINTER_SIZE`].
pub const POINTER_ALIGN_LOG2: u32 = 2;
/// log2 of the size of a UTF-16 code unit: a `String` of `rtSize` bytes has `rtSize >> 1` units.
pub const STRING_UNIT_LOG2: u32 = 1;
