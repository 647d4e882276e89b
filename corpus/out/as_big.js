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
    add(a, b) {
      // src/as_big/add(~lib/string/String, ~lib/string/String) => ~lib/string/String
      a = __retain(__lowerString(a) || __notnull());
      b = __lowerString(b) || __notnull();
      try {
        return __liftString(exports.add(a, b) >>> 0);
      } finally {
        __release(a);
      }
    },
    mul(a, b) {
      // src/as_big/mul(~lib/string/String, ~lib/string/String) => ~lib/string/String
      a = __retain(__lowerString(a) || __notnull());
      b = __lowerString(b) || __notnull();
      try {
        return __liftString(exports.mul(a, b) >>> 0);
      } finally {
        __release(a);
      }
    },
    div(a, b) {
      // src/as_big/div(~lib/string/String, ~lib/string/String) => ~lib/string/String
      a = __retain(__lowerString(a) || __notnull());
      b = __lowerString(b) || __notnull();
      try {
        return __liftString(exports.div(a, b) >>> 0);
      } finally {
        __release(a);
      }
    },
    sqrt(a) {
      // src/as_big/sqrt(~lib/string/String) => ~lib/string/String
      a = __lowerString(a) || __notnull();
      return __liftString(exports.sqrt(a) >>> 0);
    },
    round(a, dp) {
      // src/as_big/round(~lib/string/String, i32) => ~lib/string/String
      a = __lowerString(a) || __notnull();
      return __liftString(exports.round(a, dp) >>> 0);
    },
    fromF64(x) {
      // src/as_big/fromF64(f64) => ~lib/as-big/assembly/Big/Big
      return __liftInternref(exports.fromF64(x) >>> 0);
    },
    bigToString(x) {
      // src/as_big/bigToString(~lib/as-big/assembly/Big/Big) => ~lib/string/String
      x = __lowerInternref(x) || __notnull();
      return __liftString(exports.bigToString(x) >>> 0);
    },
    bigPlus(x, y) {
      // src/as_big/bigPlus(~lib/as-big/assembly/Big/Big, ~lib/as-big/assembly/Big/Big) => ~lib/as-big/assembly/Big/Big
      x = __retain(__lowerInternref(x) || __notnull());
      y = __lowerInternref(y) || __notnull();
      try {
        return __liftInternref(exports.bigPlus(x, y) >>> 0);
      } finally {
        __release(x);
      }
    },
    bigToNumber(x) {
      // src/as_big/bigToNumber(~lib/as-big/assembly/Big/Big) => f64
      x = __lowerInternref(x) || __notnull();
      return exports.bigToNumber(x);
    },
    compare(a, b) {
      // src/as_big/compare(~lib/string/String, ~lib/string/String) => i32
      a = __retain(__lowerString(a) || __notnull());
      b = __lowerString(b) || __notnull();
      try {
        return exports.compare(a, b);
      } finally {
        __release(a);
      }
    },
    sum(values) {
      // src/as_big/sum(~lib/array/Array<~lib/string/String>) => ~lib/string/String
      values = __lowerArray((pointer, value) => { __setU32(pointer, __lowerString(value) || __notnull()); }, 8, 2, values) || __notnull();
      return __liftString(exports.sum(values) >>> 0);
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
