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
    encodeString(s) {
      // src/as_base64/encodeString(~lib/string/String) => ~lib/string/String
      s = __lowerString(s) || __notnull();
      return __liftString(exports.encodeString(s) >>> 0);
    },
    decodeToString(b64) {
      // src/as_base64/decodeToString(~lib/string/String) => ~lib/string/String
      b64 = __lowerString(b64) || __notnull();
      return __liftString(exports.decodeToString(b64) >>> 0);
    },
    roundTripLength(bytes) {
      // src/as_base64/roundTripLength(~lib/typedarray/Uint8Array) => i32
      bytes = __lowerTypedArray(Uint8Array, 4, 0, bytes) || __notnull();
      return exports.roundTripLength(bytes);
    },
    encodeMany(items) {
      // src/as_base64/encodeMany(~lib/array/Array<~lib/typedarray/Uint8Array>) => ~lib/array/Array<~lib/string/String>
      items = __lowerArray((pointer, value) => { __setU32(pointer, __lowerTypedArray(Uint8Array, 4, 0, value) || __notnull()); }, 8, 2, items) || __notnull();
      return __liftArray(pointer => __liftString(__getU32(pointer)), 2, exports.encodeMany(items) >>> 0);
    },
    encodeStatic(bytes) {
      // src/as_base64/encodeStatic(~lib/staticarray/StaticArray<u8>) => ~lib/string/String
      bytes = __lowerStaticArray(__setU8, 6, 0, bytes, Uint8Array) || __notnull();
      return __liftString(exports.encodeStatic(bytes) >>> 0);
    },
    encode(bytes) {
      // ~lib/as-base64/assembly/index/encode(~lib/typedarray/Uint8Array) => ~lib/string/String
      bytes = __lowerTypedArray(Uint8Array, 4, 0, bytes) || __notnull();
      return __liftString(exports.encode(bytes) >>> 0);
    },
    decode(s) {
      // ~lib/as-base64/assembly/index/decode(~lib/string/String) => ~lib/typedarray/Uint8Array
      s = __lowerString(s) || __notnull();
      return __liftTypedArray(Uint8Array, exports.decode(s) >>> 0);
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
  function __lowerStaticArray(lowerElement, id, align, values, typedConstructor) {
    if (values == null) return 0;
    const
      length = values.length,
      buffer = exports.__pin(exports.__new(length << align, id)) >>> 0;
    if (typedConstructor) {
      new typedConstructor(memory.buffer, buffer, length).set(values);
    } else {
      for (let i = 0; i < length; i++) lowerElement(buffer + (i << align >>> 0), values[i]);
    }
    exports.__unpin(buffer);
    return buffer;
  }
  function __notnull() {
    throw TypeError("value must not be null");
  }
  let __dataview = new DataView(memory.buffer);
  function __setU8(pointer, value) {
    try {
      __dataview.setUint8(pointer, value, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      __dataview.setUint8(pointer, value, true);
    }
  }
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
