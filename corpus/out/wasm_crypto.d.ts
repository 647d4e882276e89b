declare namespace __AdaptedExports {
  /** Exported memory */
  export const memory: WebAssembly.Memory;
  // Exported runtime interface
  export function __new(size: number, id: number): number;
  export function __pin(ptr: number): number;
  export function __unpin(ptr: number): void;
  export function __collect(): void;
  export const __rtti_base: number;
  /**
   * src/wasm_crypto/sha256Hex
   * @param s `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function sha256Hex(s: string): string;
  /**
   * src/wasm_crypto/sha512Hex
   * @param s `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function sha512Hex(s: string): string;
  /**
   * src/wasm_crypto/signMessage
   * @param message `~lib/string/String`
   * @param seedHex `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function signMessage(message: string, seedHex: string): string;
  /**
   * src/wasm_crypto/verifyMessage
   * @param message `~lib/string/String`
   * @param sigHex `~lib/string/String`
   * @param seedHex `~lib/string/String`
   * @returns `bool`
   */
  export function verifyMessage(message: string, sigHex: string, seedHex: string): boolean;
  /**
   * src/wasm_crypto/hashAll
   * @param messages `~lib/array/Array<~lib/typedarray/Uint8Array>`
   * @returns `~lib/array/Array<~lib/typedarray/Uint8Array>`
   */
  export function hashAll(messages: Array<Uint8Array>): Array<Uint8Array>;
  /** ~lib/wasm-crypto/assembly/crypto/SIGN_BYTES */
  export const SIGN_BYTES: {
    /** @type `isize` */
    get value(): number
  };
  /** ~lib/wasm-crypto/assembly/crypto/SIGN_PUBLICKEYBYTES */
  export const SIGN_PUBLICKEYBYTES: {
    /** @type `isize` */
    get value(): number
  };
  /** ~lib/wasm-crypto/assembly/crypto/HASH_BYTES */
  export const HASH_BYTES: {
    /** @type `isize` */
    get value(): number
  };
  /** ~lib/wasm-crypto/assembly/crypto/SHA256_HASH_BYTES */
  export const SHA256_HASH_BYTES: {
    /** @type `isize` */
    get value(): number
  };
  /**
   * ~lib/wasm-crypto/assembly/crypto/memzero
   * @param x `~lib/typedarray/Uint8Array`
   */
  export function memzero(x: Uint8Array): void;
  /**
   * ~lib/wasm-crypto/assembly/crypto/equals
   * @param x `~lib/typedarray/Uint8Array`
   * @param y `~lib/typedarray/Uint8Array`
   * @returns `bool`
   */
  export function equals(x: Uint8Array, y: Uint8Array): boolean;
  /**
   * ~lib/wasm-crypto/assembly/crypto/sign
   * @param m `~lib/typedarray/Uint8Array`
   * @param kp `~lib/typedarray/Uint8Array`
   * @param Z `~lib/typedarray/Uint8Array | null`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function sign(m: Uint8Array, kp: Uint8Array, Z?: Uint8Array | null): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/signVerify
   * @param sig `~lib/typedarray/Uint8Array`
   * @param m `~lib/typedarray/Uint8Array`
   * @param pk `~lib/typedarray/Uint8Array`
   * @returns `bool`
   */
  export function signVerify(sig: Uint8Array, m: Uint8Array, pk: Uint8Array): boolean;
  /**
   * ~lib/wasm-crypto/assembly/crypto/signKeypairFromSeed
   * @param seed `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function signKeypairFromSeed(seed: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/signPublicKey
   * @param kp `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function signPublicKey(kp: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/signSecretKey
   * @param kp `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function signSecretKey(kp: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/hashInit
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function hashInit(): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/hashUpdate
   * @param st `~lib/typedarray/Uint8Array`
   * @param m `~lib/typedarray/Uint8Array`
   */
  export function hashUpdate(st: Uint8Array, m: Uint8Array): void;
  /**
   * ~lib/wasm-crypto/assembly/crypto/hashFinal
   * @param st `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function hashFinal(st: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/hash
   * @param m `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function hash(m: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/hmac
   * @param m `~lib/typedarray/Uint8Array`
   * @param k `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function hmac(m: Uint8Array, k: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/sha256HashInit
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function sha256HashInit(): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/sha256HashUpdate
   * @param st `~lib/typedarray/Uint8Array`
   * @param m `~lib/typedarray/Uint8Array`
   */
  export function sha256HashUpdate(st: Uint8Array, m: Uint8Array): void;
  /**
   * ~lib/wasm-crypto/assembly/crypto/sha256HashFinal
   * @param st `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function sha256HashFinal(st: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/sha256Hash
   * @param m `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function sha256Hash(m: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/sha256Hmac
   * @param m `~lib/typedarray/Uint8Array`
   * @param k `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function sha256Hmac(m: Uint8Array, k: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/faScalarAdd
   * @param x `~lib/typedarray/Uint8Array`
   * @param y `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function faScalarAdd(x: Uint8Array, y: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/faScalarIsCanonical
   * @param x `~lib/typedarray/Uint8Array`
   * @returns `bool`
   */
  export function faScalarIsCanonical(x: Uint8Array): boolean;
  /**
   * ~lib/wasm-crypto/assembly/crypto/faEdBasePointMult
   * @param s `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array | null`
   */
  export function faEdBasePointMult(s: Uint8Array): Uint8Array | null;
  /**
   * ~lib/wasm-crypto/assembly/crypto/faPointAdd
   * @param p `~lib/typedarray/Uint8Array`
   * @param q `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array | null`
   */
  export function faPointAdd(p: Uint8Array, q: Uint8Array): Uint8Array | null;
  /**
   * ~lib/wasm-crypto/assembly/crypto/faPointFromHash
   * @param r `~lib/typedarray/Uint8Array`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function faPointFromHash(r: Uint8Array): Uint8Array;
  /**
   * ~lib/wasm-crypto/assembly/crypto/bin2hex
   * @param bin `~lib/typedarray/Uint8Array`
   * @returns `~lib/string/String`
   */
  export function bin2hex(bin: Uint8Array): string;
  /**
   * ~lib/wasm-crypto/assembly/crypto/hex2bin
   * @param hex `~lib/string/String`
   * @returns `~lib/typedarray/Uint8Array | null`
   */
  export function hex2bin(hex: string): Uint8Array | null;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
