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
    sha256Hex(s) {
      // src/wasm_crypto/sha256Hex(~lib/string/String) => ~lib/string/String
      s = __lowerString(s) || __notnull();
      return __liftString(exports.sha256Hex(s) >>> 0);
    },
    sha512Hex(s) {
      // src/wasm_crypto/sha512Hex(~lib/string/String) => ~lib/string/String
      s = __lowerString(s) || __notnull();
      return __liftString(exports.sha512Hex(s) >>> 0);
    },
    signMessage(message, seedHex) {
      // src/wasm_crypto/signMessage(~lib/string/String, ~lib/string/String) => ~lib/string/String
      message = __retain(__lowerString(message) || __notnull());
      seedHex = __lowerString(seedHex) || __notnull();
      try {
        return __liftString(exports.signMessage(message, seedHex) >>> 0);
      } finally {
        __release(message);
      }
    },
    verifyMessage(message, sigHex, seedHex) {
      // src/wasm_crypto/verifyMessage(~lib/string/String, ~lib/string/String, ~lib/string/String) => bool
      message = __retain(__lowerString(message) || __notnull());
      sigHex = __retain(__lowerString(sigHex) || __notnull());
      seedHex = __lowerString(seedHex) || __notnull();
      try {
        return exports.verifyMessage(message, sigHex, seedHex) != 0;
      } finally {
        __release(message);
        __release(sigHex);
      }
    },
    hashAll(messages) {
      // src/wasm_crypto/hashAll(~lib/array/Array<~lib/typedarray/Uint8Array>) => ~lib/array/Array<~lib/typedarray/Uint8Array>
      messages = __lowerArray((pointer, value) => { __setU32(pointer, __lowerTypedArray(Uint8Array, 8, 0, value) || __notnull()); }, 17, 2, messages) || __notnull();
      return __liftArray(pointer => __liftTypedArray(Uint8Array, __getU32(pointer)), 2, exports.hashAll(messages) >>> 0);
    },
    memzero(x) {
      // ~lib/wasm-crypto/assembly/crypto/memzero(~lib/typedarray/Uint8Array) => void
      x = __lowerTypedArray(Uint8Array, 8, 0, x) || __notnull();
      exports.memzero(x);
    },
    equals(x, y) {
      // ~lib/wasm-crypto/assembly/crypto/equals(~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array) => bool
      x = __retain(__lowerTypedArray(Uint8Array, 8, 0, x) || __notnull());
      y = __lowerTypedArray(Uint8Array, 8, 0, y) || __notnull();
      try {
        return exports.equals(x, y) != 0;
      } finally {
        __release(x);
      }
    },
    sign(m, kp, Z) {
      // ~lib/wasm-crypto/assembly/crypto/sign(~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array | null?) => ~lib/typedarray/Uint8Array
      m = __retain(__lowerTypedArray(Uint8Array, 8, 0, m) || __notnull());
      kp = __retain(__lowerTypedArray(Uint8Array, 8, 0, kp) || __notnull());
      Z = __lowerTypedArray(Uint8Array, 8, 0, Z);
      try {
        exports.__setArgumentsLength(arguments.length);
        return __liftTypedArray(Uint8Array, exports.sign(m, kp, Z) >>> 0);
      } finally {
        __release(m);
        __release(kp);
      }
    },
    signVerify(sig, m, pk) {
      // ~lib/wasm-crypto/assembly/crypto/signVerify(~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array) => bool
      sig = __retain(__lowerTypedArray(Uint8Array, 8, 0, sig) || __notnull());
      m = __retain(__lowerTypedArray(Uint8Array, 8, 0, m) || __notnull());
      pk = __lowerTypedArray(Uint8Array, 8, 0, pk) || __notnull();
      try {
        return exports.signVerify(sig, m, pk) != 0;
      } finally {
        __release(sig);
        __release(m);
      }
    },
    signKeypairFromSeed(seed) {
      // ~lib/wasm-crypto/assembly/crypto/signKeypairFromSeed(~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      seed = __lowerTypedArray(Uint8Array, 8, 0, seed) || __notnull();
      return __liftTypedArray(Uint8Array, exports.signKeypairFromSeed(seed) >>> 0);
    },
    signPublicKey(kp) {
      // ~lib/wasm-crypto/assembly/crypto/signPublicKey(~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      kp = __lowerTypedArray(Uint8Array, 8, 0, kp) || __notnull();
      return __liftTypedArray(Uint8Array, exports.signPublicKey(kp) >>> 0);
    },
    signSecretKey(kp) {
      // ~lib/wasm-crypto/assembly/crypto/signSecretKey(~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      kp = __lowerTypedArray(Uint8Array, 8, 0, kp) || __notnull();
      return __liftTypedArray(Uint8Array, exports.signSecretKey(kp) >>> 0);
    },
    hashInit() {
      // ~lib/wasm-crypto/assembly/crypto/hashInit() => ~lib/typedarray/Uint8Array
      return __liftTypedArray(Uint8Array, exports.hashInit() >>> 0);
    },
    hashUpdate(st, m) {
      // ~lib/wasm-crypto/assembly/crypto/hashUpdate(~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array) => void
      st = __retain(__lowerTypedArray(Uint8Array, 8, 0, st) || __notnull());
      m = __lowerTypedArray(Uint8Array, 8, 0, m) || __notnull();
      try {
        exports.hashUpdate(st, m);
      } finally {
        __release(st);
      }
    },
    hashFinal(st) {
      // ~lib/wasm-crypto/assembly/crypto/hashFinal(~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      st = __lowerTypedArray(Uint8Array, 8, 0, st) || __notnull();
      return __liftTypedArray(Uint8Array, exports.hashFinal(st) >>> 0);
    },
    hash(m) {
      // ~lib/wasm-crypto/assembly/crypto/hash(~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      m = __lowerTypedArray(Uint8Array, 8, 0, m) || __notnull();
      return __liftTypedArray(Uint8Array, exports.hash(m) >>> 0);
    },
    hmac(m, k) {
      // ~lib/wasm-crypto/assembly/crypto/hmac(~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      m = __retain(__lowerTypedArray(Uint8Array, 8, 0, m) || __notnull());
      k = __lowerTypedArray(Uint8Array, 8, 0, k) || __notnull();
      try {
        return __liftTypedArray(Uint8Array, exports.hmac(m, k) >>> 0);
      } finally {
        __release(m);
      }
    },
    sha256HashInit() {
      // ~lib/wasm-crypto/assembly/crypto/sha256HashInit() => ~lib/typedarray/Uint8Array
      return __liftTypedArray(Uint8Array, exports.sha256HashInit() >>> 0);
    },
    sha256HashUpdate(st, m) {
      // ~lib/wasm-crypto/assembly/crypto/sha256HashUpdate(~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array) => void
      st = __retain(__lowerTypedArray(Uint8Array, 8, 0, st) || __notnull());
      m = __lowerTypedArray(Uint8Array, 8, 0, m) || __notnull();
      try {
        exports.sha256HashUpdate(st, m);
      } finally {
        __release(st);
      }
    },
    sha256HashFinal(st) {
      // ~lib/wasm-crypto/assembly/crypto/sha256HashFinal(~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      st = __lowerTypedArray(Uint8Array, 8, 0, st) || __notnull();
      return __liftTypedArray(Uint8Array, exports.sha256HashFinal(st) >>> 0);
    },
    sha256Hash(m) {
      // ~lib/wasm-crypto/assembly/crypto/sha256Hash(~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      m = __lowerTypedArray(Uint8Array, 8, 0, m) || __notnull();
      return __liftTypedArray(Uint8Array, exports.sha256Hash(m) >>> 0);
    },
    sha256Hmac(m, k) {
      // ~lib/wasm-crypto/assembly/crypto/sha256Hmac(~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      m = __retain(__lowerTypedArray(Uint8Array, 8, 0, m) || __notnull());
      k = __lowerTypedArray(Uint8Array, 8, 0, k) || __notnull();
      try {
        return __liftTypedArray(Uint8Array, exports.sha256Hmac(m, k) >>> 0);
      } finally {
        __release(m);
      }
    },
    faScalarAdd(x, y) {
      // ~lib/wasm-crypto/assembly/crypto/faScalarAdd(~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      x = __retain(__lowerTypedArray(Uint8Array, 8, 0, x) || __notnull());
      y = __lowerTypedArray(Uint8Array, 8, 0, y) || __notnull();
      try {
        return __liftTypedArray(Uint8Array, exports.faScalarAdd(x, y) >>> 0);
      } finally {
        __release(x);
      }
    },
    faScalarIsCanonical(x) {
      // ~lib/wasm-crypto/assembly/crypto/faScalarIsCanonical(~lib/typedarray/Uint8Array) => bool
      x = __lowerTypedArray(Uint8Array, 8, 0, x) || __notnull();
      return exports.faScalarIsCanonical(x) != 0;
    },
    faEdBasePointMult(s) {
      // ~lib/wasm-crypto/assembly/crypto/faEdBasePointMult(~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array | null
      s = __lowerTypedArray(Uint8Array, 8, 0, s) || __notnull();
      return __liftTypedArray(Uint8Array, exports.faEdBasePointMult(s) >>> 0);
    },
    faPointAdd(p, q) {
      // ~lib/wasm-crypto/assembly/crypto/faPointAdd(~lib/typedarray/Uint8Array, ~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array | null
      p = __retain(__lowerTypedArray(Uint8Array, 8, 0, p) || __notnull());
      q = __lowerTypedArray(Uint8Array, 8, 0, q) || __notnull();
      try {
        return __liftTypedArray(Uint8Array, exports.faPointAdd(p, q) >>> 0);
      } finally {
        __release(p);
      }
    },
    faPointFromHash(r) {
      // ~lib/wasm-crypto/assembly/crypto/faPointFromHash(~lib/typedarray/Uint8Array) => ~lib/typedarray/Uint8Array
      r = __lowerTypedArray(Uint8Array, 8, 0, r) || __notnull();
      return __liftTypedArray(Uint8Array, exports.faPointFromHash(r) >>> 0);
    },
    bin2hex(bin) {
      // ~lib/wasm-crypto/assembly/crypto/bin2hex(~lib/typedarray/Uint8Array) => ~lib/string/String
      bin = __lowerTypedArray(Uint8Array, 8, 0, bin) || __notnull();
      return __liftString(exports.bin2hex(bin) >>> 0);
    },
    hex2bin(hex) {
      // ~lib/wasm-crypto/assembly/crypto/hex2bin(~lib/string/String) => ~lib/typedarray/Uint8Array | null
      hex = __lowerString(hex) || __notnull();
      return __liftTypedArray(Uint8Array, exports.hex2bin(hex) >>> 0);
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
