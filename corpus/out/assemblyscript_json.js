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
    parse(text) {
      // src/assemblyscript_json/parse(~lib/string/String) => ~lib/assemblyscript-json/assembly/JSON/Value
      text = __lowerString(text) || __notnull();
      return __liftRecord4(exports.parse(text) >>> 0);
    },
    stringify(value) {
      // src/assemblyscript_json/stringify(~lib/assemblyscript-json/assembly/JSON/Value) => ~lib/string/String
      value = __lowerRecord4(value) || __notnull();
      return __liftString(exports.stringify(value) >>> 0);
    },
    getString(text, key) {
      // src/assemblyscript_json/getString(~lib/string/String, ~lib/string/String) => ~lib/string/String | null
      text = __retain(__lowerString(text) || __notnull());
      key = __lowerString(key) || __notnull();
      try {
        return __liftString(exports.getString(text, key) >>> 0);
      } finally {
        __release(text);
      }
    },
    getInteger(text, key) {
      // src/assemblyscript_json/getInteger(~lib/string/String, ~lib/string/String) => i64
      text = __retain(__lowerString(text) || __notnull());
      key = __lowerString(key) || __notnull();
      try {
        return exports.getInteger(text, key);
      } finally {
        __release(text);
      }
    },
    arrayLength(text) {
      // src/assemblyscript_json/arrayLength(~lib/string/String) => i32
      text = __lowerString(text) || __notnull();
      return exports.arrayLength(text);
    },
    keys(text) {
      // src/assemblyscript_json/keys(~lib/string/String) => ~lib/array/Array<~lib/string/String>
      text = __lowerString(text) || __notnull();
      return __liftArray(pointer => __liftString(__getU32(pointer)), 2, exports.keys(text) >>> 0);
    },
    makeObject(names, values) {
      // src/assemblyscript_json/makeObject(~lib/array/Array<~lib/string/String>, ~lib/typedarray/Float64Array) => ~lib/string/String
      names = __retain(__lowerArray((pointer, value) => { __setU32(pointer, __lowerString(value) || __notnull()); }, 14, 2, names) || __notnull());
      values = __lowerTypedArray(Float64Array, 22, 3, values) || __notnull();
      try {
        return __liftString(exports.makeObject(names, values) >>> 0);
      } finally {
        __release(names);
      }
    },
    encodePair(name, value, flag) {
      // src/assemblyscript_json/encodePair(~lib/string/String, i64, bool) => ~lib/string/String
      name = __lowerString(name) || __notnull();
      value = value || 0n;
      flag = flag ? 1 : 0;
      return __liftString(exports.encodePair(name, value, flag) >>> 0);
    },
    parseBytes(bytes) {
      // src/assemblyscript_json/parseBytes(~lib/typedarray/Uint8Array) => bool
      bytes = __lowerTypedArray(Uint8Array, 5, 0, bytes) || __notnull();
      return exports.parseBytes(bytes) != 0;
    },
  }, exports);
  function __liftRecord4(pointer) {
    // ~lib/assemblyscript-json/assembly/JSON/Value
    // Hint: Opt-out from lifting as a record by providing an empty constructor
    if (!pointer) return null;
    return {
    };
  }
  function __lowerRecord4(value) {
    // ~lib/assemblyscript-json/assembly/JSON/Value
    // Hint: Opt-out from lowering as a record by providing an empty constructor
    if (value == null) return 0;
    const pointer = exports.__pin(exports.__new(0, 4));
    exports.__unpin(pointer);
    return pointer;
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
