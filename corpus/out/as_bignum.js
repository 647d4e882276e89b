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
    u128FromString(s) {
      // src/as_bignum/u128FromString(~lib/string/String) => ~lib/as-bignum/assembly/integer/u128/u128
      s = __lowerString(s) || __notnull();
      return __liftInternref(exports.u128FromString(s) >>> 0);
    },
    u128ToString(x) {
      // src/as_bignum/u128ToString(~lib/as-bignum/assembly/integer/u128/u128) => ~lib/string/String
      x = __lowerInternref(x) || __notnull();
      return __liftString(exports.u128ToString(x) >>> 0);
    },
    u128Add(a, b) {
      // src/as_bignum/u128Add(~lib/as-bignum/assembly/integer/u128/u128, ~lib/as-bignum/assembly/integer/u128/u128) => ~lib/as-bignum/assembly/integer/u128/u128
      a = __retain(__lowerInternref(a) || __notnull());
      b = __lowerInternref(b) || __notnull();
      try {
        return __liftInternref(exports.u128Add(a, b) >>> 0);
      } finally {
        __release(a);
      }
    },
    u128Mul(a, b) {
      // src/as_bignum/u128Mul(~lib/as-bignum/assembly/integer/u128/u128, ~lib/as-bignum/assembly/integer/u128/u128) => ~lib/as-bignum/assembly/integer/u128/u128
      a = __retain(__lowerInternref(a) || __notnull());
      b = __lowerInternref(b) || __notnull();
      try {
        return __liftInternref(exports.u128Mul(a, b) >>> 0);
      } finally {
        __release(a);
      }
    },
    u128FromParts(lo, hi) {
      // src/as_bignum/u128FromParts(u64, u64) => ~lib/as-bignum/assembly/integer/u128/u128
      lo = lo || 0n;
      hi = hi || 0n;
      return __liftInternref(exports.u128FromParts(lo, hi) >>> 0);
    },
    u128Lo(x) {
      // src/as_bignum/u128Lo(~lib/as-bignum/assembly/integer/u128/u128) => u64
      x = __lowerInternref(x) || __notnull();
      return BigInt.asUintN(64, exports.u128Lo(x));
    },
    u128Compare(a, b) {
      // src/as_bignum/u128Compare(~lib/as-bignum/assembly/integer/u128/u128, ~lib/as-bignum/assembly/integer/u128/u128) => i32
      a = __retain(__lowerInternref(a) || __notnull());
      b = __lowerInternref(b) || __notnull();
      try {
        return exports.u128Compare(a, b);
      } finally {
        __release(a);
      }
    },
    u128ToBytes(x, bigEndian) {
      // src/as_bignum/u128ToBytes(~lib/as-bignum/assembly/integer/u128/u128, bool) => ~lib/typedarray/Uint8Array
      x = __lowerInternref(x) || __notnull();
      bigEndian = bigEndian ? 1 : 0;
      return __liftTypedArray(Uint8Array, exports.u128ToBytes(x, bigEndian) >>> 0);
    },
    u256FromU64(v) {
      // src/as_bignum/u256FromU64(u64) => ~lib/as-bignum/assembly/integer/u256/u256
      v = v || 0n;
      return __liftInternref(exports.u256FromU64(v) >>> 0);
    },
    u256ToString(x) {
      // src/as_bignum/u256ToString(~lib/as-bignum/assembly/integer/u256/u256) => ~lib/string/String
      x = __lowerInternref(x) || __notnull();
      return __liftString(exports.u256ToString(x) >>> 0);
    },
    i128Neg(x) {
      // src/as_bignum/i128Neg(~lib/as-bignum/assembly/integer/i128/i128) => ~lib/as-bignum/assembly/integer/i128/i128
      x = __lowerInternref(x) || __notnull();
      return __liftInternref(exports.i128Neg(x) >>> 0);
    },
    sumU128(values) {
      // src/as_bignum/sumU128(~lib/array/Array<~lib/as-bignum/assembly/integer/u128/u128>) => ~lib/as-bignum/assembly/integer/u128/u128
      values = __lowerArray((pointer, value) => { __setU32(pointer, __lowerInternref(value) || __notnull()); }, 9, 2, values) || __notnull();
      return __liftInternref(exports.sumU128(values) >>> 0);
    },
    maxU128() {
      // src/as_bignum/maxU128() => ~lib/as-bignum/assembly/integer/u128/u128
      return __liftInternref(exports.maxU128() >>> 0);
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
  function __liftTypedArray(constructor, pointer) {
    if (!pointer) return null;
    return new constructor(
      memory.buffer,
      __getU32(pointer + 4),
      __dataview.getUint32(pointer + 8, true) / constructor.BYTES_PER_ELEMENT
    ).slice();
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
