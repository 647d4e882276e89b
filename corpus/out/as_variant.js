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
    fromI32(v) {
      // src/as_variant/fromI32(i32) => ~lib/as-variant/assembly/index/Variant
      return __liftInternref(exports.fromI32(v) >>> 0);
    },
    fromF64(v) {
      // src/as_variant/fromF64(f64) => ~lib/as-variant/assembly/index/Variant
      return __liftInternref(exports.fromF64(v) >>> 0);
    },
    fromString(s) {
      // src/as_variant/fromString(~lib/string/String) => ~lib/as-variant/assembly/index/Variant
      s = __lowerString(s) || __notnull();
      return __liftInternref(exports.fromString(s) >>> 0);
    },
    isString(v) {
      // src/as_variant/isString(~lib/as-variant/assembly/index/Variant) => bool
      v = __lowerInternref(v) || __notnull();
      return exports.isString(v) != 0;
    },
    isI32(v) {
      // src/as_variant/isI32(~lib/as-variant/assembly/index/Variant) => bool
      v = __lowerInternref(v) || __notnull();
      return exports.isI32(v) != 0;
    },
    asF64(v) {
      // src/as_variant/asF64(~lib/as-variant/assembly/index/Variant) => f64
      v = __lowerInternref(v) || __notnull();
      return exports.asF64(v);
    },
    describe(v) {
      // src/as_variant/describe(~lib/as-variant/assembly/index/Variant) => ~lib/string/String
      v = __lowerInternref(v) || __notnull();
      return __liftString(exports.describe(v) >>> 0);
    },
    mixed(n) {
      // src/as_variant/mixed(i32) => ~lib/array/Array<~lib/as-variant/assembly/index/Variant>
      return __liftArray(pointer => __liftInternref(__getU32(pointer)), 2, exports.mixed(n) >>> 0);
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
  function __getU32(pointer) {
    try {
      return __dataview.getUint32(pointer, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      return __dataview.getUint32(pointer, true);
    }
  }
  return adaptedExports;
}
