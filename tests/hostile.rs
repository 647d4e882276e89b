//! Hostile and broken input: every case ends in a clear `asbind::Error`, never a panic, and
//! the instance stays usable afterwards where that makes sense.
//!
//! Most cases use small hand-written modules that mimic an AssemblyScript module: they export
//! `memory`, a bump-allocating `__new`, `__pin`/`__unpin` that trap on a double pin or a
//! stray unpin (as AssemblyScript aborts), `__collect`, and an `__rtti_base` global pointing
//! at a hand-written 0.24+ RTTI table, with objects (20-byte header + payload) laid out in a
//! data segment. Globals `new_mode`, `fail_after` and `pin_mode` make the runtime exports
//! misbehave on demand.

mod common;

use asbind::wasmtime::Val;
use asbind::{Error, Imports, Instance, Module, Ref, Result, kinds};
use common::values::Point;

// ---- a fake AssemblyScript module ---------------------------------------------------------------

const RTTI: u32 = 0x100;
const FIRST_OBJECT: u32 = 0x400;
const HEAP: u32 = 0x8000;
const PAGE: u32 = 0x1_0000;

const ID_OBJECT: u32 = 0;
const ID_BUFFER: u32 = 1;
const ID_STRING: u32 = 2;
const ID_ARRAY_I32: u32 = 4;
const ID_ARRAY_STRING: u32 = 5;
const ID_INT32ARRAY: u32 = 6;
/// Same id and size as `Point` in values.wasm, so the `Point` bindings can lift it.
const ID_POINT: u32 = 7;
const ID_FLOAT64ARRAY: u32 = 8;
const ID_UNKNOWN: u32 = 99;

/// RTTI flags of ids 0.. (AS_ABI §3.2).
const FLAGS: [u32; 10] = [
    0x20,   // 0 Object
    0x20,   // 1 ArrayBuffer
    0x20,   // 2 String
    0x0,    // 3 ArrayBufferView
    0x902,  // 4 Array<i32>
    0x4102, // 5 Array<string>
    0x901,  // 6 Int32Array
    0x20,   // 7 Point { x: f64, y: f64 }
    0x1a01, // 8 Float64Array
    0xa4,   // 9 StaticArray<u16>
];

/// The TLSF block size of an object of `rt_size` bytes, as the allocator and the compiler (for
/// static objects) write it into `mmInfo` (AS_ABI §2.1, read off the fixtures' static strings).
fn block_size(rt_size: u32) -> u32 {
    (rt_size.wrapping_add(20 + 15) & !15).wrapping_sub(4)
}

/// The bytes of the fake module's static data, and one export per named pointer.
struct Image {
    /// Static data from address 0 up to `HEAP`.
    bytes: Vec<u8>,
    /// Data placed above the heap start (e.g. at the very end of memory), one segment each.
    high: Vec<(u32, Vec<u8>)>,
    next: u32,
    exports: Vec<(String, u32)>,
}

impl Image {
    fn new() -> Self {
        let mut img = Image { bytes: Vec::new(), high: Vec::new(), next: FIRST_OBJECT, exports: Vec::new() };
        img.word(RTTI, FLAGS.len() as u32);
        for (i, f) in FLAGS.iter().enumerate() {
            img.word(RTTI + 4 + 4 * i as u32, *f);
        }
        img
    }

    fn write(&mut self, addr: u32, data: &[u8]) {
        if addr >= HEAP {
            self.high.push((addr, data.to_vec()));
            return;
        }
        let end = addr as usize + data.len();
        if self.bytes.len() < end {
            self.bytes.resize(end, 0);
        }
        self.bytes[addr as usize..end].copy_from_slice(data);
    }

    fn word(&mut self, addr: u32, value: u32) {
        self.write(addr, &value.to_le_bytes());
    }

    /// An export `name` returning `value` (a pointer, usually).
    fn export(&mut self, name: &str, value: u32) {
        self.exports.push((name.into(), value));
    }

    /// Writes an object with header at `ptr - 20`, its `mmInfo` the block size AssemblyScript
    /// gives static objects.
    fn object_at(&mut self, ptr: u32, id: u32, rt_size: u32, payload: &[u8]) -> u32 {
        self.object_with_header(ptr, [block_size(rt_size), 0, 0, id, rt_size], payload)
    }

    /// Writes `header` (mmInfo, gcInfo, gcInfo2, rtId, rtSize) at `ptr - 20` and `payload` at
    /// `ptr`.
    fn object_with_header(&mut self, ptr: u32, header: [u32; 5], payload: &[u8]) -> u32 {
        for (i, w) in header.into_iter().enumerate() {
            self.word(ptr - 20 + 4 * i as u32, w);
        }
        self.write(ptr, payload);
        self.next = self.next.max(ptr + payload.len() as u32);
        ptr
    }

    /// Places an object at the next 16-byte aligned payload address.
    fn object(&mut self, id: u32, rt_size: u32, payload: &[u8]) -> u32 {
        let ptr = (self.next + 20 + 15) & !15;
        self.object_at(ptr, id, rt_size, payload)
    }

    fn string(&mut self, s: &str) -> u32 {
        let units: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        self.object(ID_STRING, units.len() as u32, &units)
    }

    fn buffer(&mut self, bytes: &[u8]) -> u32 {
        self.object(ID_BUFFER, bytes.len() as u32, bytes)
    }

    /// An `Array<T>`-shaped header (buffer, dataStart, byteLength, length_) with id `id`.
    fn array_header(&mut self, id: u32, buffer: u32, data: u32, byte_len: u32, len: u32) -> u32 {
        let payload: Vec<u8> = [buffer, data, byte_len, len].into_iter().flat_map(u32::to_le_bytes).collect();
        self.object(id, 16, &payload)
    }

    /// A typed-array header (buffer, dataStart, byteLength) with id `id`.
    fn typed_header(&mut self, id: u32, buffer: u32, data: u32, byte_len: u32) -> u32 {
        let payload: Vec<u8> = [buffer, data, byte_len].into_iter().flat_map(u32::to_le_bytes).collect();
        self.object(id, 12, &payload)
    }

    fn i32s(values: &[i32]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A well-formed `Array<i32>`.
    fn array_i32(&mut self, values: &[i32]) -> u32 {
        let buf = self.buffer(&Self::i32s(values));
        let n = values.len() as u32;
        self.array_header(ID_ARRAY_I32, buf, buf, 4 * n, n)
    }

    /// The module text, with `__rtti_base = rtti_base` and `extra` module fields.
    fn wat(&self, rtti_base: u32, extra: &str) -> String {
        assert!(self.bytes.len() <= HEAP as usize, "static data overlaps the heap");
        let escape = |bytes: &[u8]| -> String { bytes.iter().map(|b| format!("\\{b:02x}")).collect() };
        let data = escape(&self.bytes);
        let high: String = self
            .high
            .iter()
            .map(|(addr, bytes)| format!("  (data (i32.const {addr}) \"{}\")\n", escape(bytes)))
            .collect();
        let exports: String = self
            .exports
            .iter()
            .map(|(n, p)| format!("  (func (export \"{n}\") (result i32) (i32.const {p}))\n"))
            .collect();
        format!(
            r#"(module
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global (export "__rtti_base") i32 (i32.const {rtti_base}))
  (global $heap (mut i32) (i32.const {HEAP}))
  ;; 0: allocate; 1: return 0; 2: return an address beyond memory; 3: return 0xfffffff0;
  ;; 4: trap; 5: return the last 8 bytes of memory.
  (global $new_mode (export "new_mode") (mut i32) (i32.const 0))
  ;; > 0: the fail_after-th allocation from now returns 0.
  (global $fail_after (export "fail_after") (mut i32) (i32.const 0))
  ;; 1: __pin traps.
  (global $pin_mode (export "pin_mode") (mut i32) (i32.const 0))
  ;; Objects currently pinned.
  (global $pinned (export "pinned") (mut i32) (i32.const 0))
  (global $allocs (export "allocs") (mut i32) (i32.const 0))
  (func (export "__new") (param $size i32) (param $id i32) (result i32)
    (local $p i32) (local $end i32)
    (if (i32.eq (global.get $new_mode) (i32.const 1)) (then (return (i32.const 0))))
    (if (i32.eq (global.get $new_mode) (i32.const 2)) (then (return (i32.const 0x20000))))
    (if (i32.eq (global.get $new_mode) (i32.const 3)) (then (return (i32.const 0xfffffff0))))
    (if (i32.eq (global.get $new_mode) (i32.const 4)) (then unreachable))
    (if (i32.eq (global.get $new_mode) (i32.const 5))
      (then (return (i32.sub (i32.mul (memory.size) (i32.const {PAGE})) (i32.const 8)))))
    (if (global.get $fail_after) (then
      (global.set $fail_after (i32.sub (global.get $fail_after) (i32.const 1)))
      (if (i32.eqz (global.get $fail_after)) (then (return (i32.const 0))))))
    (global.set $allocs (i32.add (global.get $allocs) (i32.const 1)))
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.const 35)) (i32.const -16)))
    (local.set $end (i32.add (local.get $p) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const {PAGE}))) (then
      (if (i32.eq (memory.grow (i32.shr_u
            (i32.add (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const {PAGE})))
                     (i32.const 0xffff))
            (i32.const 16)))
          (i32.const -1))
        (then unreachable))))
    ;; mmInfo: the block size TLSF gives (see `block_size`).
    (i32.store (i32.sub (local.get $p) (i32.const 20))
      (i32.sub (i32.and (i32.add (local.get $size) (i32.const 35)) (i32.const -16)) (i32.const 4)))
    (i32.store (i32.sub (local.get $p) (i32.const 16)) (i32.const 0))
    (i32.store (i32.sub (local.get $p) (i32.const 12)) (i32.const 0))
    (i32.store (i32.sub (local.get $p) (i32.const 8)) (local.get $id))
    (i32.store (i32.sub (local.get $p) (i32.const 4)) (local.get $size))
    ;; Like the minimal and stub runtimes, do not zero the payload: fill it with junk.
    (memory.fill (local.get $p) (i32.const 0xa5) (local.get $size))
    (global.set $heap (local.get $end))
    (local.get $p))
  (func (export "__pin") (param $p i32) (result i32)
    (if (i32.eqz (local.get $p)) (then (return (i32.const 0))))
    (if (global.get $pin_mode) (then unreachable))
    ;; "Object already pinned"
    (if (i32.eq (i32.and (i32.load (i32.sub (local.get $p) (i32.const 16))) (i32.const 3)) (i32.const 3))
      (then unreachable))
    (i32.store (i32.sub (local.get $p) (i32.const 16))
      (i32.or (i32.load (i32.sub (local.get $p) (i32.const 16))) (i32.const 3)))
    (global.set $pinned (i32.add (global.get $pinned) (i32.const 1)))
    (local.get $p))
  (func (export "__unpin") (param $p i32)
    (if (i32.eqz (local.get $p)) (then (return)))
    ;; "Object is not pinned"
    (if (i32.ne (i32.and (i32.load (i32.sub (local.get $p) (i32.const 16))) (i32.const 3)) (i32.const 3))
      (then unreachable))
    (i32.store (i32.sub (local.get $p) (i32.const 16))
      (i32.and (i32.load (i32.sub (local.get $p) (i32.const 16))) (i32.const -4)))
    (global.set $pinned (i32.sub (global.get $pinned) (i32.const 1))))
  (func (export "__collect"))
  ;; string.length
  (func (export "str_len") (param $s i32) (result i32)
    (i32.shr_u (i32.load (i32.sub (local.get $s) (i32.const 4))) (i32.const 1)))
  ;; Sum of the lengths of the strings of an Array<string>.
  (func (export "total_len") (param $a i32) (result i32)
    (local $i i32) (local $n i32) (local $data i32) (local $sum i32)
    (local.set $data (i32.load offset=4 (local.get $a)))
    (local.set $n (i32.load offset=12 (local.get $a)))
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $sum (i32.add (local.get $sum) (i32.shr_u
        (i32.load (i32.sub (i32.load (i32.add (local.get $data) (i32.shl (local.get $i) (i32.const 2))))
                           (i32.const 4)))
        (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $sum))
  (func (export "do_abort") (param i32 i32 i32 i32)
    (call $abort (local.get 0) (local.get 1) (local.get 2) (local.get 3))
    unreachable)
  (func (export "trap") unreachable)
  (func (export "load_oob") (result i32) (i32.load (i32.const 0x7ffffff0)))
  (data (i32.const 0) "{data}")
{high}{exports}{extra}
)"#
        )
    }

    fn instance(&self) -> Instance {
        self.instance_with_rtti(RTTI)
    }

    fn instance_with_rtti(&self, rtti_base: u32) -> Instance {
        let bytes = wat::parse_str(self.wat(rtti_base, "")).expect("fake module assembles");
        Instance::new(&Module::new(bytes).expect("fake module compiles")).expect("fake module instantiates")
    }
}

fn wasm(text: &str) -> Vec<u8> {
    wat::parse_str(text).expect("test module assembles")
}

/// Calls the export `name` returning a pointer.
fn ptr_of(inst: &mut Instance, name: &str) -> u32 {
    let f = inst.func::<(), u32>(name).unwrap();
    inst.call(&f, ()).unwrap()
}

fn set_global(inst: &mut Instance, name: &str, value: i32) {
    let g = inst.global(name).unwrap();
    g.set(inst.store_mut(), Val::I32(value)).unwrap();
}

fn get_global(inst: &mut Instance, name: &str) -> i32 {
    let g = inst.global(name).unwrap();
    g.get(inst.store_mut()).unwrap_i32()
}

/// Neither the host nor the module has anything pinned.
fn assert_no_pins(inst: &mut Instance) {
    inst.flush_released().unwrap();
    assert_eq!(inst.pinned_count(), 0, "host pin table");
    assert_eq!(get_global(inst, "pinned"), 0, "objects pinned in the module");
}

/// The instance still takes a well-formed call: lowers a string and has the module read it.
fn assert_usable(inst: &mut Instance) {
    let str_len = inst.func::<u32, i32>("str_len").unwrap();
    let mut cx = inst.ctx();
    let s = cx.lower_str("still fine").unwrap();
    assert_eq!(cx.call(&str_len, s).unwrap(), 10);
    assert_eq!(cx.lift_string(s).unwrap(), "still fine");
    assert_no_pins(inst);
}

macro_rules! assert_err {
    ($result:expr, $($pattern:tt)+) => {{
        match $result {
            Ok(_) => panic!("{}: expected an error, got Ok", stringify!($result)),
            Err(e) => {
                assert!(
                    matches!(e, $($pattern)+),
                    "{}: expected {}, got {e:?}",
                    stringify!($result),
                    stringify!($($pattern)+)
                );
                // Every error renders to a message.
                assert!(!e.to_string().is_empty());
                e
            }
        }
    }};
}

// ---- loading ----------------------------------------------------------------------------------

#[test]
fn malformed_bytes_do_not_compile() {
    for bytes in [
        &b""[..],
        b"not wasm at all",
        b"\0asm\x01\0\0\0\x01\xff",
        b"(module)", // text: this engine takes binaries only
    ] {
        assert_err!(Module::new(bytes), Error::Compile(_));
    }
    let good = std::fs::read(common::fixture("values.wasm")).unwrap();
    for cut in [4, 9, 100, good.len() / 2, good.len() - 1] {
        let e = assert_err!(Module::new(&good[..cut]), Error::Compile(_));
        assert!(e.to_string().starts_with("could not compile the module"));
    }
    // The first 8 bytes alone are a valid, empty module.
    assert!(Module::new(&good[..8]).is_ok());
    let mut flipped = good.clone();
    flipped[4] = 2; // unsupported binary version
    assert_err!(Module::new(&flipped), Error::Compile(_));
    assert_err!(Module::from_file(common::fixture("no-such-file.wasm")), Error::Io { .. });
    // The intact bytes still compile.
    Module::new(&good).unwrap();
}

#[test]
fn module_without_memory_or_runtime() {
    let module = Module::new(wasm(
        r#"(module
            (func (export "answer") (result i32) (i32.const 42))
            (func (export "ptr") (result i32) (i32.const 16)))"#,
    ))
    .unwrap();
    let mut inst = Instance::new(&module).unwrap();
    assert!(!inst.has_runtime_exports());
    assert!(!inst.abi().detected);
    let answer = inst.func::<(), i32>("answer").unwrap();
    let p = ptr_of(&mut inst, "ptr");

    let no_memory = |e: &Error| matches!(e, Error::Export { name, .. } if name == "memory");
    let mut cx = inst.ctx();
    let e = cx.lift_string(p).unwrap_err();
    assert!(no_memory(&e), "{e:?}");
    assert!(e.to_string().contains("exports no memory"), "{e}");
    assert!(no_memory(&cx.lift::<Vec<i32>>(p).unwrap_err()));
    assert!(no_memory(&cx.lift_ref::<kinds::Object>(p).unwrap_err()));
    assert!(no_memory(&cx.read::<u32>(0).unwrap_err()));
    assert!(no_memory(&cx.write::<u32>(0, 1).unwrap_err()));
    assert_err!(cx.lower_str("x"), Error::MissingRuntimeExport { name: "__new", .. });
    assert_err!(cx.set_arguments_length(1), Error::MissingRuntimeExport { name: "__setArgumentsLength", .. });
    assert!(no_memory(&inst.view::<i32>(p).unwrap_err()));
    assert!(no_memory(&inst.view_utf16(p).unwrap_err()));
    assert!(inst.reader().is_err());
    assert_err!(inst.collect(), Error::MissingRuntimeExport { name: "__collect", .. });
    let e = assert_err!(
        inst.func::<(), i32>("nope"),
        Error::Export { ref name, .. } if name == "nope"
    );
    assert!(e.to_string().contains("no such function"), "{e}");
    assert_err!(
        inst.func::<i32, i32>("answer"),
        Error::Export { ref reason, .. } if reason.contains("signature")
    );
    assert_eq!(inst.call(&answer, ()).unwrap(), 42);
    assert_eq!(inst.pinned_count(), 0);
}

#[test]
fn unresolved_imports_are_listed_together() {
    let module = Module::new(wasm(
        r#"(module
            (import "env" "abort" (func (param i32 i32 i32 i32)))
            (import "env" "nope" (func))
            (import "mylib" "compute" (func (param i32) (result i32)))
            (import "env" "seed" (func (result f64)))
            (import "env" "some_global" (global i32))
            (import "env" "memory" (memory 1))
            (func (export "f") (result i32) (i32.const 1)))"#,
    ))
    .unwrap();
    let e = assert_err!(Instance::new(&module), Error::MissingImports(_));
    let Error::MissingImports(missing) = &e else { unreachable!() };
    // The imported memory is made by asbind (of the declared size), like the glue's default.
    assert_eq!(missing, &["env.nope", "mylib.compute", "env.some_global"]);
    let msg = e.to_string();
    for name in missing {
        assert!(msg.contains(name.as_str()), "{msg}");
    }

    // Supplying them makes the module instantiate.
    let imports = Imports::new()
        .func("env", "nope", |_: &mut asbind::Ctx<'_>| -> asbind::HostResult<()> { Ok(()) })
        .func("mylib", "compute", |_: &mut asbind::Ctx<'_>, x: i32| -> asbind::HostResult<i32> { Ok(x * 2) })
        .extern_with("env", "some_global", |store| {
            let ty =
                asbind::wasmtime::GlobalType::new(asbind::wasmtime::ValType::I32, asbind::wasmtime::Mutability::Const);
            Ok(asbind::wasmtime::Global::new(store, ty, Val::I32(7))?.into())
        })
        .extern_with("env", "memory", |store| {
            let ty = asbind::wasmtime::MemoryType::new(1, None);
            Ok(asbind::wasmtime::Memory::new(store, ty)?.into())
        });
    let mut inst = Instance::with_imports(&module, imports, ()).unwrap();
    let f = inst.func::<(), i32>("f").unwrap();
    assert_eq!(inst.call(&f, ()).unwrap(), 1);

    // A host function whose signature does not match the import.
    let imports = Imports::new()
        .func("env", "nope", |_: &mut asbind::Ctx<'_>, _: i64| -> asbind::HostResult<i32> { Ok(0) })
        .func("mylib", "compute", |_: &mut asbind::Ctx<'_>, x: i32| -> asbind::HostResult<i32> { Ok(x) });
    let e = Instance::with_imports(&module, imports, ()).err().unwrap();
    // Still missing: the global; reported before any type check.
    assert!(matches!(e, Error::MissingImports(ref m) if m.len() == 1), "{e:?}");
}

#[test]
fn mismatched_import_signatures_fail_to_instantiate() {
    // `env.abort` with the wrong type: asbind's default cannot be used for it.
    let module =
        Module::new(wasm(r#"(module (import "env" "abort" (func (param i32))) (memory (export "memory") 1))"#))
            .unwrap();
    assert_err!(Instance::new(&module), Error::Instantiate(_));
    // A user function with the wrong type.
    let module = Module::new(wasm(r#"(module (import "m" "f" (func (param i32) (result i32))))"#)).unwrap();
    let imports = Imports::new().func("m", "f", |_: &mut asbind::Ctx<'_>, x: f64| -> asbind::HostResult<f64> { Ok(x) });
    let e = assert_err!(Instance::with_imports(&module, imports, ()), Error::Instantiate(_));
    assert!(e.to_string().contains("m.f") || e.to_string().contains("type"), "{e}");
}

#[test]
fn runtime_exports_of_the_wrong_shape() {
    let cases = [
        (r#"(func (export "__new") (param i32) (result i32) (local.get 0))"#, "__new"),
        (r#"(func (export "__pin") (param i32))"#, "__pin"),
        (r#"(func (export "__unpin") (param i32) (result i32) (local.get 0))"#, "__unpin"),
        (r#"(global (export "__collect") i32 (i32.const 0))"#, "__collect"),
        (r#"(global (export "__rtti_base") f64 (f64.const 0))"#, "__rtti_base"),
        (r#"(func (export "__rtti_base"))"#, "__rtti_base"),
        (r#"(table (export "memory") 1 funcref)"#, "memory"),
    ];
    for (field, export) in cases {
        let memory = if export == "memory" { "" } else { r#"(memory (export "memory") 1)"# };
        let module = Module::new(wasm(&format!("(module {memory} {field})"))).unwrap();
        let e = assert_err!(
            Instance::new(&module),
            Error::Export { ref name, .. } if name == export
        );
        assert!(e.to_string().contains(export), "{e}");
    }
}

#[test]
fn failures_during_instantiation() {
    // The start function traps.
    let module =
        Module::new(wasm(r#"(module (memory (export "memory") 1) (func $s unreachable) (start $s))"#)).unwrap();
    let e = assert_err!(Instance::new(&module), Error::Trap { .. });
    let Error::Trap { code, .. } = e else { unreachable!() };
    assert_eq!(code, Some(asbind::wasmtime::Trap::UnreachableCodeReached));

    // The start function aborts with a message from its data.
    let mut img = Image::new();
    let msg = img.string("bad start");
    let file = img.string("start.ts");
    let text = img.wat(
        RTTI,
        &format!(
            "(func $s (call $abort (i32.const {msg}) (i32.const {file}) (i32.const 3) (i32.const 9)))
             (start $s)"
        ),
    );
    let e = assert_err!(Instance::new(&Module::new(wasm(&text)).unwrap()), Error::Abort { .. });
    let Error::Abort { message, file, line, column } = e else { unreachable!() };
    assert_eq!(message.as_deref(), Some("bad start"));
    assert_eq!(file.as_deref(), Some("start.ts"));
    assert_eq!((line, column), (3, 9));

    // A data segment that does not fit in memory.
    let module =
        Module::new(wasm(r#"(module (memory (export "memory") 1) (data (i32.const 65530) "0123456789"))"#)).unwrap();
    assert_err!(Instance::new(&module), Error::Trap { .. } | Error::Instantiate(_));
}

// ---- lifting bogus values -------------------------------------------------------------------------

#[test]
fn bogus_string_pointers() {
    let mut img = Image::new();
    let hello = img.string("hello");
    img.export("hello", hello);
    let empty = img.string("");
    img.export("empty", empty);
    let huge = img.object(ID_STRING, 0x7fff_fff0, b"h\0u\0g\0e\0");
    img.export("huge", huge);
    let max = img.object(ID_STRING, u32::MAX, b"m\0");
    img.export("max", max);
    let odd = img.object(ID_STRING, 5, b"a\0b\0c");
    img.export("odd_size", odd);
    img.export("null", 0);
    img.export("beyond_memory", 0x2_0000);
    // A string header in the last 8 bytes of memory: the payload starts at the end.
    img.word(PAGE - 8, ID_STRING);
    img.word(PAGE - 4, 2);
    img.export("memory_end", PAGE);
    img.export("near_max", 0xffff_fff0);
    img.export("max_ptr", u32::MAX);
    img.export("below_header", 4);
    let mut inst = img.instance();

    let mut lift = |name: &str| -> Result<String> {
        let p = ptr_of(&mut inst, name);
        inst.ctx().lift_string(p)
    };
    assert_eq!(lift("hello").unwrap(), "hello");
    assert_eq!(lift("empty").unwrap(), "");
    // An odd byte size drops the stray byte.
    assert_eq!(lift("odd_size").unwrap(), "ab");
    assert_err!(lift("null"), Error::Null(_));
    for name in ["huge", "max", "beyond_memory", "memory_end", "near_max", "max_ptr", "below_header"] {
        let e = assert_err!(lift(name), Error::OutOfBounds { .. });
        assert!(e.to_string().contains("outside linear memory"), "{name}: {e}");
    }
    let Error::OutOfBounds { addr, len, memory_size } = lift("huge").unwrap_err() else { unreachable!() };
    assert_eq!((addr, len, memory_size), (u64::from(huge), 0x7fff_fff0, PAGE as usize));

    // The other entry points into a string.
    let mut cx = inst.ctx();
    assert_eq!(cx.lift::<Option<String>>(0).unwrap(), None);
    assert_err!(cx.lift::<Option<String>>(huge), Error::OutOfBounds { .. });
    assert_err!(cx.lift_utf16(max), Error::OutOfBounds { .. });
    assert_err!(cx.lift_string_lossy(0xffff_fffc), Error::OutOfBounds { .. });
    assert_err!(cx.lift_string_strict(0), Error::Null(_));
    assert_err!(inst.view_utf16(huge), Error::OutOfBounds { .. });
    assert_err!(inst.view_utf16(0), Error::Null(_));
    assert_err!(inst.view_utf16(u32::MAX), Error::OutOfBounds { .. });
    assert_usable(&mut inst);
}

#[test]
fn bogus_arrays() {
    let mut img = Image::new();
    let ok = img.array_i32(&[1, 2, 3, 4]);
    img.export("ok", ok);
    let buf = img.buffer(&Image::i32s(&[5, 6]));
    let cases = [
        ("negative_length", buf, 8, u32::MAX),
        ("length_min", buf, 8, 0x8000_0000),
        ("data_beyond_memory", 0x2_0000, 8, 2),
        ("data_near_max", 0xffff_fff8, 8, 2),
        ("length_beyond_memory", buf, 8, 0x10_0000),
        ("length_too_large", buf, 8, 0x4000_0000),
    ];
    for (name, data, byte_len, len) in cases {
        let p = img.array_header(ID_ARRAY_I32, buf, data, byte_len, len);
        img.export(name, p);
    }
    // Typed arrays: element count = byteLength >> 2.
    let typed_cases = [
        ("typed_ok", buf, 8),
        ("typed_negative_byte_length", buf, (-8i32) as u32),
        ("typed_data_beyond_memory", 0xffff_0000, 8),
    ];
    for (name, data, byte_len) in typed_cases {
        let p = img.typed_header(ID_INT32ARRAY, buf, data, byte_len);
        img.export(name, p);
    }
    // An Array header cut short by the end of memory is placed by hand below.
    let mut inst = img.instance();

    let mut lift = |name: &str| -> Result<Vec<i32>> {
        let p = ptr_of(&mut inst, name);
        inst.ctx().lift_vec(p)
    };
    assert_eq!(lift("ok").unwrap(), [1, 2, 3, 4]);
    assert_eq!(lift("typed_ok").unwrap(), [5, 6]);
    for name in ["negative_length", "length_min"] {
        let e = assert_err!(lift(name), Error::InvalidValue(_));
        assert!(e.to_string().contains("negative length"), "{e}");
    }
    for name in ["data_beyond_memory", "data_near_max", "length_beyond_memory", "typed_data_beyond_memory"] {
        assert_err!(lift(name), Error::OutOfBounds { .. });
    }
    // A length the module made up is out of bounds, not "too large for AssemblyScript".
    assert_err!(lift("length_too_large"), Error::OutOfBounds { .. });
    let e = assert_err!(lift("typed_negative_byte_length"), Error::InvalidValue(_));
    assert!(e.to_string().contains("negative byteLength"), "{e}");

    let mut cx = inst.ctx();
    assert_err!(cx.lift_vec::<i32>(0), Error::Null(_));
    assert_eq!(cx.lift::<Option<Vec<i32>>>(0).unwrap(), None);
    assert_err!(cx.lift_vec::<i32>(u32::MAX), Error::OutOfBounds { .. });
    // A header whose fields run past the end of memory: id Array<i32> at the very end.
    let end = PAGE - 8;
    cx.write::<u32>(end - 8, ID_ARRAY_I32).unwrap();
    cx.write::<u32>(end - 4, 16).unwrap();
    assert_err!(cx.lift_vec::<i32>(end), Error::OutOfBounds { .. });
    // Views fail the same way.
    for name in ["negative_length", "data_beyond_memory", "length_too_large"] {
        let p = ptr_of(&mut inst, name);
        assert!(inst.view::<i32>(p).is_err(), "{name}");
        assert!(inst.view_mut::<i32>(p).is_err(), "{name}");
    }
    let ok = ptr_of(&mut inst, "ok");
    assert_eq!(inst.view::<i32>(ok).unwrap(), [1, 2, 3, 4]);
    assert_usable(&mut inst);
}

#[test]
fn wrong_runtime_types() {
    let mut img = Image::new();
    let s = img.string("text");
    img.export("string", s);
    let a = img.array_i32(&[1, 2]);
    img.export("array_i32", a);
    let buf = img.buffer(&[0; 16]);
    let f = img.typed_header(ID_FLOAT64ARRAY, buf, buf, 16);
    img.export("float64array", f);
    let p = img.object(ID_POINT, 16, &[0; 16]);
    img.export("point", p);
    let small = img.object(ID_POINT, 8, &[0; 8]);
    img.export("small_point", small);
    let obj = img.object(ID_OBJECT, 0, &[]);
    img.export("object", obj);
    let strings_buf = img.buffer(&[0; 4]);
    let strings = img.array_header(ID_ARRAY_STRING, strings_buf, strings_buf, 4, 1);
    img.export("array_string", strings);
    let mut inst = img.instance();
    let [s, a, f, p, small, obj, strings] =
        ["string", "array_i32", "float64array", "point", "small_point", "object", "array_string"]
            .map(|n| ptr_of(&mut inst, n));

    let mut cx = inst.ctx();
    let e = assert_err!(cx.lift_string(a), Error::WrongType { found: ID_ARRAY_I32, .. });
    assert!(e.to_string().contains("~lib/string/String"), "{e}");
    assert_err!(cx.lift_array_buffer(s), Error::WrongType { found: ID_STRING, .. });
    assert_err!(cx.lift_vec::<i32>(s), Error::WrongType { found: ID_STRING, .. });
    assert_err!(cx.lift_vec::<i32>(obj), Error::WrongType { found: ID_OBJECT, .. });
    assert_err!(cx.lift_vec::<f64>(a), Error::WrongType { .. });
    assert_err!(cx.lift_vec::<i32>(f), Error::WrongType { .. });
    assert_err!(cx.lift_vec::<u32>(a), Error::WrongType { .. });
    assert_eq!(cx.lift_vec::<f64>(f).unwrap(), [0.0, 0.0]);
    assert_err!(cx.lift::<Vec<String>>(a), Error::WrongType { .. });
    // An Array<string> holding a null: lifted as non-nullable strings it is an error.
    assert_err!(cx.lift::<Vec<String>>(strings), Error::Null(_));
    assert_eq!(cx.lift::<Vec<Option<String>>>(strings).unwrap(), [None]);
    // Records check id and size.
    assert_eq!(cx.lift::<Point>(p).unwrap(), Point::default());
    assert_err!(cx.lift::<Point>(s), Error::WrongType { found: ID_STRING, .. });
    let e = assert_err!(cx.lift::<Point>(small), Error::InvalidValue(_));
    assert!(e.to_string().contains("smaller than its 16-byte layout"), "{e}");
    assert_err!(cx.lift::<Point>(0), Error::Null(_));
    // Handles check the kind before pinning anything.
    assert_err!(cx.lift_ref::<kinds::Str>(a), Error::WrongType { .. });
    assert_err!(cx.lift_ref::<kinds::Buffer>(s), Error::WrongType { .. });
    assert_err!(cx.lift_ref::<kinds::TypedArray<i32>>(f), Error::WrongType { .. });
    assert_err!(cx.lift_ref::<kinds::Array<i32>>(f), Error::WrongType { .. });
    assert_err!(cx.lift_ref::<kinds::TypedArray<f64>>(a), Error::WrongType { .. });
    assert_err!(cx.lift_ref::<kinds::Object>(0), Error::Null(_));
    assert_err!(cx.lift_ref::<kinds::Object>(0x2_0000), Error::OutOfBounds { .. });
    let r: Ref<kinds::TypedArray<f64>> = cx.lift_ref(f).unwrap();
    assert_err!(inst.view::<i32>(f), Error::WrongType { .. });
    assert_err!(inst.view_ref::<i64, _>(&r), Error::WrongType { .. });
    assert_eq!(inst.view_ref::<f64, _>(&r).unwrap(), [0.0, 0.0]);
    assert_err!(inst.view_utf16(a), Error::WrongType { found: ID_ARRAY_I32, .. });
    assert_eq!(get_global(&mut inst, "pinned"), 1);
    drop(r);
    assert_usable(&mut inst);
}

/// An id beyond the RTTI table's count is not a valid type.
#[test]
fn ids_outside_the_rtti_table_are_wrong_types() {
    let mut img = Image::new();
    let buf = img.buffer(&Image::i32s(&[1, 2]));
    let p = img.array_header(ID_UNKNOWN, buf, buf, 8, 2);
    img.export("unknown", p);
    let mut inst = img.instance();
    let p = ptr_of(&mut inst, "unknown");
    let mut cx = inst.ctx();
    assert_err!(cx.lift_vec::<i32>(p), Error::WrongType { found: ID_UNKNOWN, .. });
    assert_err!(cx.lift_ref::<kinds::TypedArray<i32>>(p), Error::WrongType { .. });
}

#[test]
fn broken_rtti_tables() {
    let mut img = Image::new();
    let s = img.string("abc");
    img.export("string", s);
    let a = img.array_i32(&[7, 8, 9]);
    img.export("array", a);
    let bad = img.array_header(ID_ARRAY_I32, 0, 0x2_0000, 8, 2);
    img.export("bad_array", bad);
    // A table claiming 1000 entries, cut off by the end of memory after two.
    img.word(PAGE - 12, 1000);
    img.word(PAGE - 8, 0x20);
    img.word(PAGE - 4, 0x20);
    let truncated = PAGE - 12;

    for base in [truncated, PAGE - 2, PAGE, 0x0100_0000, 0xffff_fff0] {
        let mut inst = img.instance_with_rtti(base);
        let abi = inst.abi();
        assert_eq!(abi.rtti_base, Some(base));
        assert!(!abi.detected, "{base:#x}: {abi:?}");
        assert_eq!(abi.generation, asbind::Generation::V0_24, "assumed");
        let [s, a, bad] = ["string", "array", "bad_array"].map(|n| ptr_of(&mut inst, n));
        let mut cx = inst.ctx();
        // The module claims an RTTI table that cannot be read: no type can be confirmed, so
        // every check that needs the table fails, and nothing panics.
        assert_err!(cx.type_info(a), Error::WrongType { .. });
        // Strings need only the fixed ids of the header.
        assert_eq!(cx.lift_string(s).unwrap(), "abc");
        assert_err!(cx.lift_string(a), Error::WrongType { .. });
        assert_err!(cx.lift_vec::<i32>(a), Error::WrongType { .. });
        assert_err!(cx.lift_vec_as::<i32>(a, asbind::ArrayKind::Array), Error::WrongType { .. });
        assert_err!(cx.lift_vec::<i32>(bad), Error::WrongType { .. });
        assert_eq!(cx.find_array_id::<i32>(asbind::abi::flags::ARRAY), None);
        assert_err!(inst.view::<i32>(a), Error::WrongType { .. });
        assert_usable(&mut inst);
    }
}

#[test]
fn misaligned_views() {
    let mut img = Image::new();
    let buf = img.buffer(&Image::i32s(&[1, 2, 3, 4]));
    let aligned = img.typed_header(ID_INT32ARRAY, buf, buf + 4, 8);
    img.export("aligned", aligned);
    let misaligned = img.typed_header(ID_INT32ARRAY, buf, buf + 2, 8);
    img.export("misaligned", misaligned);
    let odd = img.object_at(0x2001, ID_STRING, 4, b"o\0k\0");
    img.export("odd_string", odd);
    let mut inst = img.instance();
    let [aligned, misaligned, odd] = ["aligned", "misaligned", "odd_string"].map(|n| ptr_of(&mut inst, n));

    assert_eq!(inst.view::<i32>(aligned).unwrap(), [2, 3]);
    let e = assert_err!(inst.view::<i32>(misaligned), Error::Misaligned { .. });
    let Error::Misaligned { addr, len, align } = e else { unreachable!() };
    assert_eq!((addr, len, align), (buf + 2, 8, 4));
    assert_err!(inst.view_mut::<i32>(misaligned), Error::Misaligned { .. });
    // Copying out does not need alignment.
    let mut cx = inst.ctx();
    let shifted: Vec<i32> = cx.lift_vec(misaligned).unwrap();
    assert_eq!(shifted, [0x0002_0000, 0x0003_0000]);
    assert_eq!(cx.lift_string(odd).unwrap(), "ok");
    assert_err!(inst.view_utf16(odd), Error::Misaligned { .. });
    assert_usable(&mut inst);
}

// ---- a misbehaving runtime -------------------------------------------------------------------------

#[test]
fn new_returning_bogus_pointers() {
    let mut inst = Image::new().instance();
    for (mode, what) in [(1, "null"), (2, "beyond memory"), (3, "near u32::MAX"), (5, "the last 8 bytes")] {
        set_global(&mut inst, "new_mode", mode);
        let mut cx = inst.ctx();
        let results: [Result<u32>; 6] = [
            cx.lower_str("abcdefgh"),
            cx.alloc(16, ID_OBJECT),
            cx.lower_array_buffer(&[1; 64]),
            cx.lower_array(&[1i32, 2, 3], ID_ARRAY_I32),
            // The 8-byte buffer fits even in mode 5; its 16-byte header does not.
            cx.lower_array_of(&["a", "b"], ID_ARRAY_STRING),
            cx.lower(&Point { x: 1.0, y: 2.0 }),
        ];
        for (i, result) in results.into_iter().enumerate() {
            match (mode, result) {
                (1, Err(Error::InvalidValue(m))) => assert!(m.contains("__new returned null"), "{m}"),
                (2 | 3 | 5, Err(Error::OutOfBounds { .. })) => {}
                // The last 8 bytes are no 16-byte aligned payload: pinning the buffer fails.
                (5, Err(Error::NotAnObject { .. })) if i == 4 => {}
                (_, other) => panic!("__new returning {what}, lowering #{i}: {other:?}"),
            }
        }
        set_global(&mut inst, "new_mode", 0);
        assert_usable(&mut inst);
    }
    // __new traps.
    set_global(&mut inst, "new_mode", 4);
    let e = assert_err!(inst.ctx().lower_str("x"), Error::Trap { .. });
    assert!(e.to_string().contains("__new") || e.to_string().contains("unreachable"), "{e}");
    set_global(&mut inst, "new_mode", 0);
    assert_usable(&mut inst);
}

/// Composite lowering that fails half-way (the n-th allocation fails) leaves nothing pinned,
/// in the host's table or in the module.
#[test]
fn partial_lowering_failures_release_everything() {
    let mut inst = Image::new().instance();
    let total_len = inst.func::<u32, i32>("total_len").unwrap();
    let words = ["alpha", "beta", "gamma", "delta"];
    // Buffer, header, then one allocation per string: fail at each in turn.
    for fail_at in 1..=6 {
        set_global(&mut inst, "fail_after", fail_at);
        let mut cx = inst.ctx();
        let e = assert_err!(cx.lower_array_of(&words, ID_ARRAY_STRING), Error::InvalidValue(_));
        assert!(e.to_string().contains("null"), "{e}");
        assert_no_pins(&mut inst);
        set_global(&mut inst, "fail_after", 0);
    }
    // Held arguments of a call that never happens are released by the next call.
    let mut cx = inst.ctx();
    let first = cx.lower_str("held").unwrap();
    cx.hold(first).unwrap();
    set_global(&mut inst, "fail_after", 1);
    assert_err!(inst.ctx().lower_str("second"), Error::InvalidValue(_));
    assert_eq!(get_global(&mut inst, "pinned"), 1, "still held for the next call");
    set_global(&mut inst, "fail_after", 0);
    // The next call releases it.
    let mut cx = inst.ctx();
    let arr = cx.lower_array_of(&words, ID_ARRAY_STRING).unwrap();
    assert_eq!(cx.call(&total_len, arr).unwrap(), 5 + 4 + 5 + 5);
    assert_no_pins(&mut inst);
    // Records with pointer fields: nothing zeroed by __new is trusted (the fake fills junk).
    let mut cx = inst.ctx();
    let p = cx.lower(&Point { x: 1.5, y: -2.0 }).unwrap();
    assert_eq!(cx.lift::<Point>(p).unwrap(), Point { x: 1.5, y: -2.0 });
    let arr = cx.lower_array_of(&[Some("x"), None], ID_ARRAY_STRING).unwrap();
    assert_eq!(cx.lift::<Vec<Option<String>>>(arr).unwrap(), [Some("x".to_string()), None]);
    assert_usable(&mut inst);
}

#[test]
fn pin_failures() {
    let mut img = Image::new();
    let s = img.string("pinned?");
    img.export("string", s);
    let mut inst = img.instance();
    let s = ptr_of(&mut inst, "string");
    set_global(&mut inst, "pin_mode", 1);
    let mut cx = inst.ctx();
    assert_err!(cx.lift_ref::<kinds::Str>(s), Error::Trap { .. });
    assert_err!(cx.raw_pin(s), Error::Trap { .. });
    assert_err!(cx.lower_array_of(&["a"], ID_ARRAY_STRING), Error::Trap { .. });
    // A record of scalars is written whole, before anything else can allocate: it needs no
    // pin, so a failing `__pin` does not touch it.
    let p = cx.lower(&Point { x: 3.0, y: 4.0 }).unwrap();
    assert_eq!(cx.lift::<Point>(p).unwrap(), Point { x: 3.0, y: 4.0 });
    assert_eq!(inst.pinned_count(), 0);
    set_global(&mut inst, "pin_mode", 0);
    // A handle pins once however often it is cloned or lifted again; the module would trap
    // on a second __pin.
    let mut cx = inst.ctx();
    let r: Ref<kinds::Str> = cx.lift_ref(s).unwrap();
    let again: Ref<kinds::Str> = cx.lift_ref(s).unwrap();
    let clone = r.clone();
    assert_eq!(inst.pin_count(s), 3);
    assert_eq!(get_global(&mut inst, "pinned"), 1);
    assert_eq!(inst.view_ref_utf16(&again).unwrap().len(), 7);
    drop((r, again, clone));
    assert_usable(&mut inst);
}

// ---- modules without the runtime interface ------------------------------------------------------

#[test]
fn readonly_module() {
    let mut inst = common::instance("readonly");
    assert!(!inst.has_runtime_exports());
    assert_eq!(inst.abi().rtti_base, None);
    assert!(!inst.abi().detected);
    let greeting = inst.func::<(), u32>("get_greeting").unwrap();
    let string_length = inst.func::<u32, i32>("string_length").unwrap();
    let squares = inst.func::<i32, u32>("squares").unwrap();
    let add = inst.func::<(i32, i32), i32>("add").unwrap();

    let mut cx = inst.ctx();
    let p = cx.call(&greeting, ()).unwrap();
    assert_eq!(cx.lift_string(p).unwrap(), "read-only hello");
    let e = assert_err!(cx.lower_str("abc"), Error::MissingRuntimeExport { name: "__new", .. });
    assert!(e.to_string().contains("--exportRuntime"), "{e}");
    assert!(e.to_string().contains("`__new`"), "{e}");
    let e = assert_err!(cx.lower_array(&[1i32], 4), Error::MissingRuntimeExport { name: "__new", .. });
    assert!(e.to_string().contains("rebuild it with `asc --exportRuntime`"), "{e}");
    // Nothing can be kept alive either.
    let e = assert_err!(cx.lift_ref::<kinds::Str>(p), Error::MissingRuntimeExport { name: "__pin", .. });
    assert!(e.to_string().contains("--exportRuntime"), "{e}");
    assert_eq!(inst.pinned_count(), 0);
    assert_err!(inst.collect(), Error::MissingRuntimeExport { name: "__collect", .. });
    // The module still works, and whatever does not need the runtime still lifts.
    assert_eq!(inst.call(&add, (2, 3)).unwrap(), 5);
    let sq = inst.call(&squares, 5).unwrap();
    assert_eq!(inst.view_as::<f32>(sq, asbind::ArrayKind::TypedArray).unwrap(), [0.0, 1.0, 4.0, 9.0, 16.0]);
    let mut cx = inst.ctx();
    let arr = cx.array_like(sq, Some(asbind::ArrayKind::TypedArray), 2).unwrap();
    assert_eq!(arr.len, 5);
    // Calling string_length with a pointer from the module itself works.
    assert_eq!(cx.call(&string_length, p).unwrap(), 15);
}

#[test]
fn readonly_typed_array_lifts_without_rtti() {
    let mut inst = common::instance("readonly");
    let squares = inst.func::<i32, u32>("squares").unwrap();
    let mut cx = inst.ctx();
    let sq = cx.call(&squares, 5).unwrap();
    // Without RTTI the layout cannot be read from the module: say so rather than guess...
    assert_err!(cx.lift_vec::<f32>(sq), Error::MissingRuntimeExport { name: "__rtti_base", .. });
    assert_err!(inst.view::<f32>(sq), Error::MissingRuntimeExport { name: "__rtti_base", .. });
    // ...and lift with the declared kind.
    let mut cx = inst.ctx();
    assert_eq!(cx.lift_vec_as::<f32>(sq, asbind::ArrayKind::TypedArray).unwrap(), [0.0, 1.0, 4.0, 9.0, 16.0]);
    assert_eq!(inst.view_as::<f32>(sq, asbind::ArrayKind::TypedArray).unwrap(), [0.0, 1.0, 4.0, 9.0, 16.0]);
}

// ---- traps and aborts ------------------------------------------------------------------------------

fn stdlib() -> Instance {
    Instance::new(&Module::from_file(common::fixture("stdlib.wasm")).unwrap()).unwrap()
}

#[test]
fn traps_carry_a_backtrace() {
    let mut inst = stdlib();
    let trap = inst.func::<(), ()>("trap_unreachable").unwrap();
    let recurse = inst.func::<i32, i32>("recurse").unwrap();
    let check = inst.func::<i32, i32>("check_positive").unwrap();

    let e = assert_err!(inst.call(&trap, ()), Error::Trap { .. });
    let text = e.to_string();
    let Error::Trap { code, message, backtrace } = e else { unreachable!() };
    assert_eq!(code, Some(asbind::wasmtime::Trap::UnreachableCodeReached));
    assert!(message.contains("unreachable"), "{message}");
    let backtrace = backtrace.expect("a wasm backtrace");
    assert!(backtrace.contains("trap_unreachable"), "{backtrace}");
    assert!(text.contains(&backtrace), "Display includes the backtrace: {text}");
    assert_eq!(inst.call(&check, 4).unwrap(), 4);

    // Stack overflow.
    let e = assert_err!(inst.call(&recurse, 1), Error::Trap { .. });
    let Error::Trap { code, backtrace, .. } = e else { unreachable!() };
    assert_eq!(code, Some(asbind::wasmtime::Trap::StackOverflow));
    assert!(backtrace.unwrap().contains("recurse"));
    assert_eq!(inst.call(&recurse, 0).unwrap(), 0);
    assert_eq!(inst.call(&check, 5).unwrap(), 5);

    // A fake module's out-of-bounds load.
    let mut fake = Image::new().instance();
    let load = fake.func::<(), i32>("load_oob").unwrap();
    let e = assert_err!(fake.call(&load, ()), Error::Trap { .. });
    assert!(matches!(e, Error::Trap { code: Some(asbind::wasmtime::Trap::MemoryOutOfBounds), .. }));
    let trap = fake.func::<(), ()>("trap").unwrap();
    assert_err!(fake.call(&trap, ()), Error::Trap { .. });
    assert_usable(&mut fake);
}

#[test]
fn aborts_carry_message_and_location() {
    let mut inst = stdlib();
    let fail = inst.func::<u32, ()>("fail").unwrap();
    let check = inst.func::<i32, i32>("check_positive").unwrap();
    let index = inst.func::<i32, i32>("index_array").unwrap();

    for round in 0..100 {
        let mut cx = inst.ctx();
        let msg = cx.lower_str(&format!("boom {round}")).unwrap();
        cx.hold(msg).unwrap();
        let e = assert_err!(cx.call(&fail, msg), Error::Abort { .. });
        assert_eq!(e.to_string(), format!("AssemblyScript abort: boom {round} in src/stdlib.ts:31:3"));
        // The held argument was released although the call failed.
        assert_eq!(inst.pinned_count(), 0);
    }
    let e = assert_err!(inst.call(&check, -1), Error::Abort { .. });
    let Error::Abort { message, file, line, column } = e else { unreachable!() };
    assert_eq!(message.as_deref(), Some("x must be positive"));
    assert_eq!(file.as_deref(), Some("src/stdlib.ts"));
    assert_eq!((line, column), (35, 3));
    let e = assert_err!(inst.call(&index, 3), Error::Abort { .. });
    assert!(
        matches!(&e, Error::Abort { message: Some(m), file: Some(f), .. }
            if m == "Index out of range" && f == "~lib/array.ts"),
        "{e:?}"
    );
    // Still usable, with its heap intact.
    assert_eq!(inst.call(&index, 2).unwrap(), 30);
    assert_eq!(inst.call(&check, 9).unwrap(), 9);
    let random = inst.func::<i32, u32>("random_values").unwrap();
    let mut cx = inst.ctx();
    let r = cx.call(&random, 100).unwrap();
    let values: Vec<f64> = cx.lift_vec(r).unwrap();
    assert!(values.iter().all(|v| (0.0..1.0).contains(v)));
    inst.collect().unwrap();
    assert_eq!(inst.pinned_count(), 0);
}

#[test]
fn aborts_with_null_or_bogus_strings() {
    let mut img = Image::new();
    let msg = img.string("message");
    let file = img.string("file.ts");
    let not_a_string = img.array_i32(&[1]);
    let mut inst = img.instance();
    let abort = inst.func::<(u32, u32, u32, u32), ()>("do_abort").unwrap();

    let e = assert_err!(inst.call(&abort, (msg, file, 1, 2)), Error::Abort { .. });
    assert_eq!(e.to_string(), "AssemblyScript abort: message in file.ts:1:2");
    let e = assert_err!(inst.call(&abort, (0, 0, 0, 0)), Error::Abort { .. });
    assert!(matches!(e, Error::Abort { message: None, file: None, line: 0, column: 0 }));
    assert_eq!(e.to_string(), "AssemblyScript abort: (no message) in (unknown file):0:0");
    let e = assert_err!(inst.call(&abort, (msg, 0, u32::MAX, u32::MAX)), Error::Abort { .. });
    assert!(matches!(e, Error::Abort { line: u32::MAX, column: u32::MAX, .. }));
    // Bogus message pointers: still the abort, without the message it could not read.
    for bad_msg in [0x2_0000, u32::MAX, not_a_string] {
        let e = assert_err!(inst.call(&abort, (bad_msg, file, 1, 2)), Error::Abort { .. });
        assert!(
            matches!(&e, Error::Abort { message: None, file: Some(f), line: 1, column: 2 } if f == "file.ts"),
            "{e:?}"
        );
    }
    assert_usable(&mut inst);
}

#[test]
fn abort_with_unreadable_message_is_still_an_abort() {
    let mut img = Image::new();
    let file = img.string("file.ts");
    let mut inst = img.instance();
    let abort = inst.func::<(u32, u32, u32, u32), ()>("do_abort").unwrap();
    let e = assert_err!(inst.call(&abort, (0x2_0000, file, 1, 2)), Error::Abort { .. });
    assert!(matches!(e, Error::Abort { line: 1, column: 2, .. }), "{e:?}");
}

/// `__rtti_base` near `u32::MAX`: the generation probe must not wrap around to address 0.
#[test]
fn rtti_base_near_u32_max_is_not_detected() {
    let mut img = Image::new();
    // What a wrapped read of base + 8 and base + 12 would find.
    img.word(0, 0x20);
    img.word(4, 0x20);
    let inst = img.instance_with_rtti(0xffff_fff8);
    assert!(!inst.abi().detected, "{:?}", inst.abi());
}

// ---- RTTI tables read once, whatever they claim -------------------------------------------------

/// Runs `f` on its own thread and fails if it has not finished within `limit`: a hang fails the
/// test instead of stalling the run.
fn within<T: Send + 'static>(limit: std::time::Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).expect("finished in time (or panicked: see its message above)")
}

/// An RTTI count of `u32::MAX`: the count is clamped when the table is read (to the entries in
/// memory), and lookups that find nothing never scan the claimed count.
#[test]
fn huge_rtti_counts_are_clamped_and_misses_are_cheap() {
    let mut img = Image::new();
    img.word(RTTI, u32::MAX);
    let a = img.array_i32(&[1, 2]);
    img.export("array", a);
    let text = img.wat(RTTI, "");
    within(std::time::Duration::from_secs(30), move || {
        let mut inst = Instance::new(&Module::new(wasm(&text)).unwrap()).unwrap();
        let abi = inst.abi();
        assert!(abi.detected, "{abi:?}");
        // Every entry from the base to the end of the page, no more.
        assert_eq!(abi.rtti_count(&inst.reader().unwrap()), (PAGE - RTTI - 4) / 4);
        let a = ptr_of(&mut inst, "array");
        let mut cx = inst.ctx();
        let start = std::time::Instant::now();
        for _ in 0..10_000 {
            // No class of the table is a StaticArray<u64> or an Array<f32>: misses each time.
            assert_err!(cx.array_id::<u64>(asbind::ArrayKind::StaticArray), Error::UnknownClass(_));
            assert_eq!(cx.find_array_id::<f32>(asbind::abi::flags::ARRAY), None);
            assert_err!(cx.array_id_hint::<u64>(asbind::ArrayKind::StaticArray, u32::MAX), Error::UnknownClass(_));
        }
        let elapsed = start.elapsed();
        assert!(elapsed < std::time::Duration::from_secs(2), "30 000 lookups took {elapsed:?}");
        assert_eq!(cx.array_id::<i32>(asbind::ArrayKind::Array).unwrap(), ID_ARRAY_I32);
        assert_eq!(cx.lift_vec::<i32>(a).unwrap(), [1, 2]);
        // An id past the end of memory's entries is no class.
        let far = ((PAGE - RTTI - 4) / 4) + 1;
        assert_err!(cx.new_array::<i32>(far, &[1]), Error::UnknownClass(_));
    });
}

/// The table is copied at instantiation: a module that rewrites it afterwards changes no type
/// check and no id lookup (and per-call checks read no RTTI from memory).
#[test]
fn the_rtti_table_is_read_once() {
    let mut img = Image::new();
    let a = img.array_i32(&[4, 5, 6]);
    img.export("array", a);
    let mut inst = img.instance();
    let a = ptr_of(&mut inst, "array");
    let wasmtime = *inst.wasmtime();
    let memory = wasmtime.get_memory(inst.store_mut(), "memory").unwrap();
    let table = RTTI as usize..(RTTI as usize + 4 + 4 * FLAGS.len());
    memory.data_mut(inst.store_mut())[table].fill(0);
    let mut cx = inst.ctx();
    assert_eq!(cx.lift_vec::<i32>(a).unwrap(), [4, 5, 6]);
    assert_eq!(cx.array_id::<i32>(asbind::ArrayKind::Array).unwrap(), ID_ARRAY_I32);
    assert_eq!(cx.array_id_hint::<i32>(asbind::ArrayKind::Array, ID_ARRAY_I32).unwrap(), ID_ARRAY_I32);
    assert_eq!(cx.type_info(a).unwrap().flags, Some(FLAGS[ID_ARRAY_I32 as usize]));
    assert_usable(&mut inst);
}

// ---- only live objects are pinned ---------------------------------------------------------------

/// Pointers that are no live object — a classic `usize` result that is a plain integer, an
/// address inside static data, a freed block — are never pinned: `__pin` would link a fake
/// block into the collector's lists and corrupt the module's heap. Static objects are.
#[test]
fn garbage_pointers_are_never_pinned() {
    let mut img = Image::new();
    let s = img.string("a static string of some length");
    img.export("static_string", s);
    let size = 8;
    let fake = |img: &mut Image, name: &str, header: [u32; 5]| {
        let ptr = (img.next + 20 + 15) & !15;
        img.object_with_header(ptr, header, &[0; 8]);
        img.export(name, ptr);
    };
    let ok = block_size(size);
    fake(&mut img, "zero_mm_info", [0, 0, 0, ID_OBJECT, size]);
    fake(&mut img, "free_block", [ok | 1, 0, 0, ID_OBJECT, size]);
    fake(&mut img, "small_block", [ok - 16, 0, 0, ID_OBJECT, size]);
    fake(&mut img, "huge_block", [0x7fff_fff0, 0, 0, ID_OBJECT, size]);
    fake(&mut img, "unknown_id", [ok, 0, 0, ID_UNKNOWN, size]);
    fake(&mut img, "left_free", [ok | 2, 0, 0, ID_OBJECT, size]);
    let mut inst = img.instance();
    let s = ptr_of(&mut inst, "static_string");
    let ptr = |inst: &mut Instance, name| ptr_of(inst, name);
    let garbage = [
        ("zero_mm_info", ptr(&mut inst, "zero_mm_info"), "cannot hold"),
        ("free_block", ptr(&mut inst, "free_block"), "free"),
        ("small_block", ptr(&mut inst, "small_block"), "cannot hold"),
        ("huge_block", ptr(&mut inst, "huge_block"), "past the end of memory"),
        ("unknown_id", ptr(&mut inst, "unknown_id"), "not in the module's RTTI table"),
        // Inside the static string: aligned, its "header" is string data.
        ("inside", s + 32, "no managed object at"),
        ("misaligned", s + 4, "aligned"),
        ("an integer", 0x1234, "aligned"),
    ];
    let mut cx = inst.ctx();
    for (what, p, why) in garbage {
        let e = assert_err!(cx.raw_pin(p), Error::NotAnObject { .. });
        assert!(e.to_string().contains(why), "{what}: {e}");
        assert_err!(cx.hold(p), Error::NotAnObject { .. });
        // A handle of any class: what a classic `usize` result becomes.
        match cx.any(p) {
            Err(Error::NotAnObject { .. } | Error::WrongType { .. }) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
    assert_no_pins(&mut inst);
    // A live block whose left neighbour is free, and a static string, pin.
    let left_free = ptr_of(&mut inst, "left_free");
    let mut cx = inst.ctx();
    let r = cx.any(left_free).unwrap();
    let st = cx.any(s).unwrap();
    assert_eq!(get_global(&mut inst, "pinned"), 2);
    drop((r, st));
    assert_usable(&mut inst);
}

/// What the header check relies on, on real objects: static strings in data segments and heap
/// objects of the incremental, minimal and stub runtimes (and 0.19's) have 16-byte aligned
/// payloads, `mmInfo` without the FREE bit and a block size of at least `rtSize + 16`, and pin.
#[test]
fn real_objects_have_the_headers_the_pin_check_expects() {
    use asbind::abi::layout::{MM_INFO_FLAGS, MM_INFO_FREE, OBJECT_OVERHEAD, PAYLOAD_ALIGN};
    let check = |inst: &mut Instance, p: u32, what: &str| {
        let mem = inst.reader().unwrap();
        let (mm_info, size) = (mem.u32(p - 20).unwrap(), mem.rt_size(p).unwrap());
        assert!(p.is_multiple_of(PAYLOAD_ALIGN), "{what}");
        assert_eq!(mm_info & MM_INFO_FREE, 0, "{what}");
        assert!(mm_info & !MM_INFO_FLAGS >= size + OBJECT_OVERHEAD, "{what}: mmInfo {mm_info:#x}, rtSize {size}");
        let r = inst.ctx().any(p).unwrap_or_else(|e| panic!("{what}: {e}"));
        drop(r);
        inst.flush_released().unwrap();
    };
    let mut hello = common::instance("hello");
    let f = hello.func::<(), u32>("get_hello_string").unwrap();
    let p = hello.call(&f, ()).unwrap();
    assert!(p < 0x1000, "a static string: {p:#x}");
    // The compiler writes the block size TLSF would give: ((rtSize + 20 + 15) & !15) - 4.
    assert_eq!(hello.reader().unwrap().u32(p - 20).unwrap(), block_size(24));
    check(&mut hello, p, "hello's static string");
    for name in ["values", "values_minimal", "values_stub", "vector3d_0_19"] {
        let mut inst = common::instance(name);
        for len in [0, 1, 7, 100, 5000] {
            let p = inst.ctx().lower_str(&"x".repeat(len)).unwrap();
            check(&mut inst, p, &format!("{name}: a string of {len} units"));
        }
        if name.starts_with("values") {
            let f = inst.func::<(), u32>("unicode_string").unwrap();
            let p = inst.call(&f, ()).unwrap();
            check(&mut inst, p, &format!("{name}: a static string"));
        }
    }
}

// ---- class handles accept their class and its subclasses only ---------------------------------

/// A class of the fake modules with id 5: its bindings know no subclass of it.
struct Listed;
impl kinds::Class for Listed {
    const NAME: &'static str = "Listed";
    const IDS: &'static [u32] = &[5];
}

/// The same class, its bindings made from a module that records its hierarchy.
struct ListedComplete;
impl kinds::Class for ListedComplete {
    const NAME: &'static str = "ListedComplete";
    const IDS: &'static [u32] = &[5];
    const COMPLETE: bool = true;
}

/// Class 3 of the fake 0.18 module below, whose subclass 4 the RTTI records.
struct Base3;
impl kinds::Class for Base3 {
    const NAME: &'static str = "Base3";
    const IDS: &'static [u32] = &[3];
}

/// 0.24+: an object of a plain class the bindings do not know is no `Listed` (a method of
/// `Listed` would write into it), unless the instance accepts unlisted subclasses and the
/// bindings do not say their ids are complete.
#[test]
fn unknown_classes_are_refused_unless_the_instance_opts_in() {
    let mut img = Image::new();
    // Id 7 (`Point`'s flags: a plain class) stands for a class these bindings do not know.
    let other = img.object(ID_POINT, 16, &[0; 16]);
    img.export("other", other);
    let mut inst = img.instance();
    let other = ptr_of(&mut inst, "other");
    let mut cx = inst.ctx();
    let e = assert_err!(cx.lift_ref::<Listed>(other), Error::WrongType { found: ID_POINT, .. });
    assert!(e.to_string().contains("Listed"), "{e}");
    assert_err!(cx.lift_ref::<ListedComplete>(other), Error::WrongType { .. });
    assert_no_pins(&mut inst);
    inst.accept_unlisted_subclasses(true);
    let mut cx = inst.ctx();
    let r = cx.lift_ref::<Listed>(other).unwrap();
    assert_err!(cx.lift_ref::<ListedComplete>(other), Error::WrongType { .. });
    // Arrays, strings and the built-ins are never subclasses.
    let s = cx.lower_str("no class").unwrap();
    assert_err!(cx.lift_ref::<Listed>(s), Error::WrongType { .. });
    drop(r);
    assert_usable(&mut inst);
}

/// 0.18 – 0.22 RTTI records each class's base: the check walks the chain exactly, and a cyclic
/// chain (no compiler writes one) ends instead of hanging.
#[test]
fn classic_base_chains_are_walked_exactly_and_cycles_end() {
    const TABLE: u32 = 0x200;
    let mut img = Image::new();
    // (flags, base id): 0 ArrayBuffer, 1 String, 2 ArrayBufferView, 3 a class, 4 its subclass,
    // 5 another class, 6 and 7 each other's base.
    let entries = [(0x20, 0), (0x20, 0), (0, 0), (0x20, 0), (0x20, 3), (0x20, 0), (0x20, 7), (0x20, 6)];
    img.word(TABLE, entries.len() as u32);
    for (i, (flags, base)) in entries.into_iter().enumerate() {
        img.word(TABLE + 4 + 8 * i as u32, flags);
        img.word(TABLE + 8 + 8 * i as u32, base);
    }
    let sub = img.object(4, 8, &[0; 8]);
    img.export("sub", sub);
    let cyclic = img.object(6, 8, &[0; 8]);
    img.export("cyclic", cyclic);
    let text = img.wat(TABLE, "");
    within(std::time::Duration::from_secs(30), move || {
        let mut inst = Instance::new(&Module::new(wasm(&text)).unwrap()).unwrap();
        assert_eq!(inst.abi().generation, asbind::Generation::V0_18);
        let (sub, cyclic) = (ptr_of(&mut inst, "sub"), ptr_of(&mut inst, "cyclic"));
        // Exact whatever the instance accepts.
        inst.accept_unlisted_subclasses(true);
        let mut cx = inst.ctx();
        let r = cx.lift_ref::<Base3>(sub).unwrap();
        assert_err!(cx.lift_ref::<Listed>(sub), Error::WrongType { found: 4, .. });
        assert_err!(cx.lift_ref::<Listed>(cyclic), Error::WrongType { found: 6, .. });
        assert_err!(cx.lift_ref::<Base3>(cyclic), Error::WrongType { found: 6, .. });
        drop(r);
        assert_no_pins(&mut inst);
    });
}
