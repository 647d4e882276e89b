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
    join(parts, sep) {
      // src/as_string_sink/join(~lib/array/Array<~lib/string/String>, ~lib/string/String) => ~lib/string/String
      parts = __retain(__lowerArray((pointer, value) => { __setU32(pointer, __lowerString(value) || __notnull()); }, 4, 2, parts) || __notnull());
      sep = __lowerString(sep) || __notnull();
      try {
        return __liftString(exports.join(parts, sep) >>> 0);
      } finally {
        __release(parts);
      }
    },
    numbers(values) {
      // src/as_string_sink/numbers(~lib/typedarray/Float64Array) => ~lib/string/String
      values = __lowerTypedArray(Float64Array, 6, 3, values) || __notnull();
      return __liftString(exports.numbers(values) >>> 0);
    },
    repeat(s, n) {
      // src/as_string_sink/repeat(~lib/string/String, i32) => ~lib/string/String
      s = __lowerString(s) || __notnull();
      return __liftString(exports.repeat(s, n) >>> 0);
    },
    newSink(initial) {
      // src/as_string_sink/newSink(~lib/string/String) => ~lib/as-string-sink/assembly/index/StringSink
      initial = __lowerString(initial) || __notnull();
      return __liftInternref(exports.newSink(initial) >>> 0);
    },
    sinkWrite(sink, s) {
      // src/as_string_sink/sinkWrite(~lib/as-string-sink/assembly/index/StringSink, ~lib/string/String) => void
      sink = __retain(__lowerInternref(sink) || __notnull());
      s = __lowerString(s) || __notnull();
      try {
        exports.sinkWrite(sink, s);
      } finally {
        __release(sink);
      }
    },
    sinkLength(sink) {
      // src/as_string_sink/sinkLength(~lib/as-string-sink/assembly/index/StringSink) => i32
      sink = __lowerInternref(sink) || __notnull();
      return exports.sinkLength(sink);
    },
    sinkToString(sink) {
      // src/as_string_sink/sinkToString(~lib/as-string-sink/assembly/index/StringSink) => ~lib/string/String
      sink = __lowerInternref(sink) || __notnull();
      return __liftString(exports.sinkToString(sink) >>> 0);
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
