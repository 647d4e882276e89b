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
    slice(s, start, end) {
      // src/as_virtual/slice(~lib/string/String, i32, i32) => ~lib/as-virtual/assembly/index/Virtual<~lib/string/String>
      s = __lowerString(s) || __notnull();
      return __liftInternref(exports.slice(s, start, end) >>> 0);
    },
    copyOut(v) {
      // src/as_virtual/copyOut(~lib/as-virtual/assembly/index/Virtual<~lib/string/String>) => ~lib/string/String
      v = __lowerInternref(v) || __notnull();
      return __liftString(exports.copyOut(v) >>> 0);
    },
    equals(v, s) {
      // src/as_virtual/equals(~lib/as-virtual/assembly/index/Virtual<~lib/string/String>, ~lib/string/String) => bool
      v = __retain(__lowerInternref(v) || __notnull());
      s = __lowerString(s) || __notnull();
      try {
        return exports.equals(v, s) != 0;
      } finally {
        __release(v);
      }
    },
    byteLength(v) {
      // src/as_virtual/byteLength(~lib/as-virtual/assembly/index/Virtual<~lib/string/String>) => i32
      v = __lowerInternref(v) || __notnull();
      return exports.byteLength(v);
    },
    substringVirtual(s, start, end) {
      // src/as_virtual/substringVirtual(~lib/string/String, i32, i32) => ~lib/string/String
      s = __lowerString(s) || __notnull();
      return __liftString(exports.substringVirtual(s, start, end) >>> 0);
    },
    bytesView(b, start, end) {
      // src/as_virtual/bytesView(~lib/typedarray/Uint8Array, i32, i32) => ~lib/as-virtual/assembly/index/Virtual<~lib/typedarray/Uint8Array>
      b = __lowerTypedArray(Uint8Array, 5, 0, b) || __notnull();
      return __liftInternref(exports.bytesView(b, start, end) >>> 0);
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
  class Internref extends Number {}
  const registry = new FinalizationRegistry(__release);
  function __liftInternref(pointer) {
    if (!pointer) return null;
    const sentinel = new Internref(__retain(pointer));
    registry.register(sentinel, pointer);
    return sentinel;
  }
  function __lowerInternref(value) {
    if (value == null) return 0;
    if (value instanceof Internref) return value.valueOf();
    throw TypeError("internref expected");
  }
  const refcounts = new Map();
  function __retain(pointer) {
    if (pointer) {
      const refcount = refcounts.get(pointer);
      if (refcount) refcounts.set(pointer, refcount + 1);
      else refcounts.set(exports.__pin(pointer), 1);
    }
    return pointer;
  }
  function __release(pointer) {
    if (pointer) {
      const refcount = refcounts.get(pointer);
      if (refcount === 1) exports.__unpin(pointer), refcounts.delete(pointer);
      else if (refcount) refcounts.set(pointer, refcount - 1);
      else throw Error(`invalid refcount '${refcount}' for reference '${pointer}'`);
    }
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
  return adaptedExports;
}
