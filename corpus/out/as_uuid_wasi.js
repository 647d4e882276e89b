export async function instantiate(module, imports = {}) {
  const __module0 = imports.wasi_snapshot_preview1;
  const adaptedImports = {
    wasi_snapshot_preview1: Object.setPrototypeOf({
      fd_write(fd, iovs, iovs_len, nwritten) {
        // ~lib/bindings/wasi_snapshot_preview1/fd_write(u32, usize, usize, usize) => u16
        fd = fd >>> 0;
        iovs = iovs >>> 0;
        iovs_len = iovs_len >>> 0;
        nwritten = nwritten >>> 0;
        return __module0.fd_write(fd, iovs, iovs_len, nwritten);
      },
      proc_exit(rval) {
        // ~lib/bindings/wasi_snapshot_preview1/proc_exit(u32) => void
        rval = rval >>> 0;
        __module0.proc_exit(rval);
      },
      random_get(buf, buf_len) {
        // ~lib/bindings/wasi_snapshot_preview1/random_get(usize, usize) => u16
        buf = buf >>> 0;
        buf_len = buf_len >>> 0;
        return __module0.random_get(buf, buf_len);
      },
      clock_time_get(clock, precision, time) {
        // ~lib/bindings/wasi_snapshot_preview1/clock_time_get(u32, u64, usize) => u16
        clock = clock >>> 0;
        precision = BigInt.asUintN(64, precision);
        time = time >>> 0;
        return __module0.clock_time_get(clock, precision, time);
      },
    }, __module0),
  };
  const { exports } = await WebAssembly.instantiate(module, adaptedImports);
  const memory = exports.memory || imports.env.memory;
  const adaptedExports = Object.setPrototypeOf({
    uuid() {
      // src/as_uuid_wasi/uuid() => ~lib/string/String
      return __liftString(exports.uuid() >>> 0);
    },
    many(n) {
      // src/as_uuid_wasi/many(i32) => ~lib/array/Array<~lib/string/String>
      return __liftArray(pointer => __liftString(__getU32(pointer)), 2, exports.many(n) >>> 0);
    },
    log(msg) {
      // src/as_uuid_wasi/log(~lib/string/String) => void
      msg = __lowerString(msg) || __notnull();
      exports.log(msg);
    },
    randomBytes(n) {
      // src/as_uuid_wasi/randomBytes(i32) => ~lib/typedarray/Uint8Array
      return __liftTypedArray(Uint8Array, exports.randomBytes(n) >>> 0);
    },
    stringify(arr, offset) {
      // ~lib/as-uuid/assembly/stringify/stringify(~lib/typedarray/Uint8Array, i32?) => ~lib/string/String
      arr = __lowerTypedArray(Uint8Array, 4, 0, arr) || __notnull();
      exports.__setArgumentsLength(arguments.length);
      return __liftString(exports.stringify(arr, offset) >>> 0);
    },
  }, exports);
  function __liftString(pointer) {
    if (!pointer) return null;
    const
      end = pointer + new Uint32Array(memory.buffer)[pointer - 4 >>> 2] >>> 1,
      memoryU16 = new Uint16Array(memory.buffer);
    let
      start = pointer >>> 1,
      string = "";
    while (end - start > 1024) string += String.fromCharCode(...memoryU16.subarray(start, start += 1024));
    return string + String.fromCharCode(...memoryU16.subarray(start, end));
  }
  function __lowerString(value) {
    if (value == null) return 0;
    const
      length = value.length,
      pointer = exports.__new(length << 1, 2) >>> 0,
      memoryU16 = new Uint16Array(memory.buffer);
    for (let i = 0; i < length; ++i) memoryU16[(pointer >>> 1) + i] = value.charCodeAt(i);
    return pointer;
  }
  function __liftArray(liftElement, align, pointer) {
    if (!pointer) return null;
    const
      dataStart = __getU32(pointer + 4),
      length = __dataview.getUint32(pointer + 12, true),
      values = new Array(length);
    for (let i = 0; i < length; ++i) values[i] = liftElement(dataStart + (i << align >>> 0));
    return values;
  }
  function __liftTypedArray(constructor, pointer) {
    if (!pointer) return null;
    return new constructor(
      memory.buffer,
      __getU32(pointer + 4),
      __dataview.getUint32(pointer + 8, true) / constructor.BYTES_PER_ELEMENT
    ).slice();
  }
  function __lowerTypedArray(constructor, id, align, values) {
    if (values == null) return 0;
    const
      length = values.length,
      buffer = exports.__pin(exports.__new(length << align, 1)) >>> 0,
      header = exports.__new(12, id) >>> 0;
    __setU32(header + 0, buffer);
    __dataview.setUint32(header + 4, buffer, true);
    __dataview.setUint32(header + 8, length << align, true);
    new constructor(memory.buffer, buffer, length).set(values);
    exports.__unpin(buffer);
    return header;
  }
  function __notnull() {
    throw TypeError("value must not be null");
  }
  let __dataview = new DataView(memory.buffer);
  function __setU32(pointer, value) {
    try {
      __dataview.setUint32(pointer, value, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      __dataview.setUint32(pointer, value, true);
    }
  }
  function __getU32(pointer) {
    try {
      return __dataview.getUint32(pointer, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      return __dataview.getUint32(pointer, true);
    }
  }
  exports._start();
  return adaptedExports;
}
