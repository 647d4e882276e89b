export async function instantiate(module, imports = {}) {
  const adaptedImports = {
    env: Object.setPrototypeOf({
      abort(message, fileName, lineNumber, columnNumber) {
        // ~lib/builtins/abort(~lib/string/String | null?, ~lib/string/String | null?, u32?, u32?) => void
        message = __liftString(message >>> 0);
        fileName = __liftString(fileName >>> 0);
        lineNumber = lineNumber >>> 0;
        columnNumber = columnNumber >>> 0;
        (() => {
          // @external.js
          throw Error(`${message} in ${fileName}:${lineNumber}:${columnNumber}`);
        })();
      },
    }, Object.assign(Object.create(globalThis), imports.env || {})),
  };
  const { exports } = await WebAssembly.instantiate(module, adaptedImports);
  const memory = exports.memory || imports.env.memory;
  const adaptedExports = Object.setPrototypeOf({
    REC_ID: {
      // assembly/micro/REC_ID: u32
      valueOf() { return this.value; },
      get value() {
        return exports.REC_ID.value >>> 0;
      }
    },
    ARRAY_REC_ID: {
      // assembly/micro/ARRAY_REC_ID: u32
      valueOf() { return this.value; },
      get value() {
        return exports.ARRAY_REC_ID.value >>> 0;
      }
    },
    FLOAT32ARRAY_ID: {
      // assembly/micro/FLOAT32ARRAY_ID: u32
      valueOf() { return this.value; },
      get value() {
        return exports.FLOAT32ARRAY_ID.value >>> 0;
      }
    },
    ARRAY_F64_ID: {
      // assembly/micro/ARRAY_F64_ID: u32
      valueOf() { return this.value; },
      get value() {
        return exports.ARRAY_F64_ID.value >>> 0;
      }
    },
    keep_str(slot, s) {
      // assembly/micro/keep_str(i32, ~lib/string/String) => void
      s = __lowerString(s) || __notnull();
      exports.keep_str(slot, s);
    },
    kept_str(slot) {
      // assembly/micro/kept_str(i32) => ~lib/string/String
      return __liftString(exports.kept_str(slot) >>> 0);
    },
    str_len(s) {
      // assembly/micro/str_len(~lib/string/String) => i32
      s = __lowerString(s) || __notnull();
      return exports.str_len(s);
    },
    echo_str(s) {
      // assembly/micro/echo_str(~lib/string/String) => ~lib/string/String
      s = __lowerString(s) || __notnull();
      return __liftString(exports.echo_str(s) >>> 0);
    },
    keep_f32(slot, a) {
      // assembly/micro/keep_f32(i32, ~lib/typedarray/Float32Array) => void
      a = __lowerTypedArray(Float32Array, 6, 2, a) || __notnull();
      exports.keep_f32(slot, a);
    },
    kept_f32(slot) {
      // assembly/micro/kept_f32(i32) => ~lib/typedarray/Float32Array
      return __liftTypedArray(Float32Array, exports.kept_f32(slot) >>> 0);
    },
    sum_f32(a) {
      // assembly/micro/sum_f32(~lib/typedarray/Float32Array) => f64
      a = __lowerTypedArray(Float32Array, 6, 2, a) || __notnull();
      return exports.sum_f32(a);
    },
    keep_f64(slot, a) {
      // assembly/micro/keep_f64(i32, ~lib/array/Array<f64>) => void
      a = __lowerArray(__setF64, 7, 3, a) || __notnull();
      exports.keep_f64(slot, a);
    },
    kept_f64(slot) {
      // assembly/micro/kept_f64(i32) => ~lib/array/Array<f64>
      return __liftArray(__getF64, 3, exports.kept_f64(slot) >>> 0);
    },
    sum_f64(a) {
      // assembly/micro/sum_f64(~lib/array/Array<f64>) => f64
      a = __lowerArray(__setF64, 7, 3, a) || __notnull();
      return exports.sum_f64(a);
    },
    echo_rec(r) {
      // assembly/micro/echo_rec(assembly/micro/Rec) => assembly/micro/Rec
      r = __lowerRecord4(r) || __notnull();
      return __liftRecord4(exports.echo_rec(r) >>> 0);
    },
    keep_recs(slot, a) {
      // assembly/micro/keep_recs(i32, ~lib/array/Array<assembly/micro/Rec>) => void
      a = __lowerArray((pointer, value) => { __setU32(pointer, __lowerRecord4(value) || __notnull()); }, 5, 2, a) || __notnull();
      exports.keep_recs(slot, a);
    },
    kept_recs(slot) {
      // assembly/micro/kept_recs(i32) => ~lib/array/Array<assembly/micro/Rec>
      return __liftArray(pointer => __liftRecord4(__getU32(pointer)), 2, exports.kept_recs(slot) >>> 0);
    },
  }, exports);
  function __lowerRecord4(value) {
    // assembly/micro/Rec
    // Hint: Opt-out from lowering as a record by providing an empty constructor
    if (value == null) return 0;
    const pointer = exports.__pin(exports.__new(28, 4));
    __setU32(pointer + 0, value.id);
    __setF64(pointer + 8, value.x);
    __setF64(pointer + 16, value.y);
    __setU32(pointer + 24, __lowerString(value.name) || __notnull());
    exports.__unpin(pointer);
    return pointer;
  }
  function __liftRecord4(pointer) {
    // assembly/micro/Rec
    // Hint: Opt-out from lifting as a record by providing an empty constructor
    if (!pointer) return null;
    return {
      id: __getI32(pointer + 0),
      x: __getF64(pointer + 8),
      y: __getF64(pointer + 16),
      name: __liftString(__getU32(pointer + 24)),
    };
  }
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
  function __lowerArray(lowerElement, id, align, values) {
    if (values == null) return 0;
    const
      length = values.length,
      buffer = exports.__pin(exports.__new(length << align, 1)) >>> 0,
      header = exports.__pin(exports.__new(16, id)) >>> 0;
    __setU32(header + 0, buffer);
    __dataview.setUint32(header + 4, buffer, true);
    __dataview.setUint32(header + 8, length << align, true);
    __dataview.setUint32(header + 12, length, true);
    for (let i = 0; i < length; ++i) lowerElement(buffer + (i << align >>> 0), values[i]);
    exports.__unpin(buffer);
    exports.__unpin(header);
    return header;
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
  function __setF64(pointer, value) {
    try {
      __dataview.setFloat64(pointer, value, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      __dataview.setFloat64(pointer, value, true);
    }
  }
  function __getI32(pointer) {
    try {
      return __dataview.getInt32(pointer, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      return __dataview.getInt32(pointer, true);
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
  function __getF64(pointer) {
    try {
      return __dataview.getFloat64(pointer, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      return __dataview.getFloat64(pointer, true);
    }
  }
  return adaptedExports;
}
