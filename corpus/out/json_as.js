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
    Team: (values => (
      // src/json_as/Team
      values[values.Red = exports["Team.Red"].valueOf()] = "Red",
      values[values.Blue = exports["Team.Blue"].valueOf()] = "Blue",
      values[values.Green = exports["Team.Green"].valueOf()] = "Green",
      values
    ))({}),
    vecToJson(v) {
      // src/json_as/vecToJson(src/json_as/Vec3) => ~lib/string/String
      v = __lowerRecord9(v) || __notnull();
      return __liftString(exports.vecToJson(v) >>> 0);
    },
    vecFromJson(s) {
      // src/json_as/vecFromJson(~lib/string/String) => src/json_as/Vec3
      s = __lowerString(s) || __notnull();
      return __liftRecord9(exports.vecFromJson(s) >>> 0);
    },
    playerToJson(p) {
      // src/json_as/playerToJson(src/json_as/Player) => ~lib/string/String
      p = __lowerRecord10(p) || __notnull();
      return __liftString(exports.playerToJson(p) >>> 0);
    },
    playerFromJson(s) {
      // src/json_as/playerFromJson(~lib/string/String) => src/json_as/Player
      s = __lowerString(s) || __notnull();
      return __liftRecord10(exports.playerFromJson(s) >>> 0);
    },
    makePlayer(first, last, age, x, y, z) {
      // src/json_as/makePlayer(~lib/string/String, ~lib/string/String, i32, f32, f32, f32) => src/json_as/Player
      first = __retain(__lowerString(first) || __notnull());
      last = __lowerString(last) || __notnull();
      try {
        return __liftRecord10(exports.makePlayer(first, last, age, x, y, z) >>> 0);
      } finally {
        __release(first);
      }
    },
    numbersToJson(values) {
      // src/json_as/numbersToJson(~lib/array/Array<f64>) => ~lib/string/String
      values = __lowerArray(__setF64, 13, 3, values) || __notnull();
      return __liftString(exports.numbersToJson(values) >>> 0);
    },
    namesFromJson(s) {
      // src/json_as/namesFromJson(~lib/string/String) => ~lib/array/Array<~lib/string/String>
      s = __lowerString(s) || __notnull();
      return __liftArray(pointer => __liftString(__getU32(pointer)), 2, exports.namesFromJson(s) >>> 0);
    },
    mapToJson(keys, values) {
      // src/json_as/mapToJson(~lib/array/Array<~lib/string/String>, ~lib/typedarray/Int32Array) => ~lib/string/String
      keys = __retain(__lowerArray((pointer, value) => { __setU32(pointer, __lowerString(value) || __notnull()); }, 6, 2, keys) || __notnull());
      values = __lowerTypedArray(Int32Array, 14, 2, values) || __notnull();
      try {
        return __liftString(exports.mapToJson(keys, values) >>> 0);
      } finally {
        __release(keys);
      }
    },
    teamName(t) {
      // src/json_as/teamName(i32) => ~lib/string/String
      return __liftString(exports.teamName(t) >>> 0);
    },
  }, exports);
  function __lowerRecord9(value) {
    // src/json_as/Vec3
    // Hint: Opt-out from lowering as a record by providing an empty constructor
    if (value == null) return 0;
    const pointer = exports.__pin(exports.__new(12, 9));
    __setF32(pointer + 0, value.x);
    __setF32(pointer + 4, value.y);
    __setF32(pointer + 8, value.z);
    exports.__unpin(pointer);
    return pointer;
  }
  function __liftRecord9(pointer) {
    // src/json_as/Vec3
    // Hint: Opt-out from lifting as a record by providing an empty constructor
    if (!pointer) return null;
    return {
      x: __getF32(pointer + 0),
      y: __getF32(pointer + 4),
      z: __getF32(pointer + 8),
    };
  }
  function __lowerRecord10(value) {
    // src/json_as/Player
    // Hint: Opt-out from lowering as a record by providing an empty constructor
    if (value == null) return 0;
    const pointer = exports.__pin(exports.__new(21, 10));
    __setU32(pointer + 0, __lowerString(value.firstName) || __notnull());
    __setU32(pointer + 4, __lowerString(value.lastName) || __notnull());
    __setU32(pointer + 8, __lowerArray(__setU32, 11, 2, value.lastActive) || __notnull());
    __setU32(pointer + 12, value.age);
    __setU32(pointer + 16, __lowerRecord9(value.pos));
    __setU8(pointer + 20, value.isVerified ? 1 : 0);
    exports.__unpin(pointer);
    return pointer;
  }
  function __liftRecord10(pointer) {
    // src/json_as/Player
    // Hint: Opt-out from lifting as a record by providing an empty constructor
    if (!pointer) return null;
    return {
      firstName: __liftString(__getU32(pointer + 0)),
      lastName: __liftString(__getU32(pointer + 4)),
      lastActive: __liftArray(__getI32, 2, __getU32(pointer + 8)),
      age: __getI32(pointer + 12),
      pos: __liftRecord9(__getU32(pointer + 16)),
      isVerified: __getU8(pointer + 20) != 0,
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
  function __setF32(pointer, value) {
    try {
      __dataview.setFloat32(pointer, value, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      __dataview.setFloat32(pointer, value, true);
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
  function __getU8(pointer) {
    try {
      return __dataview.getUint8(pointer, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      return __dataview.getUint8(pointer, true);
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
  function __getF32(pointer) {
    try {
      return __dataview.getFloat32(pointer, true);
    } catch {
      __dataview = new DataView(memory.buffer);
      return __dataview.getFloat32(pointer, true);
    }
  }
  return adaptedExports;
}
