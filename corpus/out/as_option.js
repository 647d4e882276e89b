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
    someI32(v) {
      // src/as_option/someI32(i32) => ~lib/as-option/assembly/index/Option<i32>
      return __liftInternref(exports.someI32(v) >>> 0);
    },
    noneI32() {
      // src/as_option/noneI32() => ~lib/as-option/assembly/index/Option<i32>
      return __liftInternref(exports.noneI32() >>> 0);
    },
    someString(s) {
      // src/as_option/someString(~lib/string/String) => ~lib/as-option/assembly/index/Option<~lib/string/String>
      s = __lowerString(s) || __notnull();
      return __liftInternref(exports.someString(s) >>> 0);
    },
    unwrapOr(o, fallback) {
      // src/as_option/unwrapOr(~lib/as-option/assembly/index/Option<i32>, i32) => i32
      o = __lowerInternref(o) || __notnull();
      return exports.unwrapOr(o, fallback);
    },
    stringOr(o, fallback) {
      // src/as_option/stringOr(~lib/as-option/assembly/index/Option<~lib/string/String>, ~lib/string/String) => ~lib/string/String
      o = __retain(__lowerInternref(o) || __notnull());
      fallback = __lowerString(fallback) || __notnull();
      try {
        return __liftString(exports.stringOr(o, fallback) >>> 0);
      } finally {
        __release(o);
      }
    },
    parsePositive(s) {
      // src/as_option/parsePositive(~lib/string/String) => ~lib/as-option/assembly/index/Option<i32>
      s = __lowerString(s) || __notnull();
      return __liftInternref(exports.parsePositive(s) >>> 0);
    },
    firstEven(values) {
      // src/as_option/firstEven(~lib/typedarray/Int32Array) => ~lib/as-option/assembly/index/Option<i32>
      values = __lowerTypedArray(Int32Array, 6, 2, values) || __notnull();
      return __liftInternref(exports.firstEven(values) >>> 0);
    },
    orElse(o, action) {
      // src/as_option/orElse(~lib/as-option/assembly/index/Option<i32>, () => i32) => i32
      o = __retain(__lowerInternref(o) || __notnull());
      action = __lowerInternref(action) || __notnull();
      try {
        return exports.orElse(o, action);
      } finally {
        __release(o);
      }
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
