// wasm-crypto: Ed25519/Ristretto signatures, SHA-512/SHA-256, HMAC, scalar/point arithmetic,
// all over Uint8Array (nullable results, nullable defaulted parameters, exported constants).
import {
  sign, signVerify, signKeypairFromSeed, signPublicKey, hash, sha256Hash, bin2hex, hex2bin,
} from "wasm-crypto/assembly/crypto";
export {
  SIGN_BYTES, SIGN_PUBLICKEYBYTES, HASH_BYTES, SHA256_HASH_BYTES,
  memzero, equals, sign, signVerify, signKeypairFromSeed, signPublicKey, signSecretKey,
  hashInit, hashUpdate, hashFinal, hash, hmac,
  sha256HashInit, sha256HashUpdate, sha256HashFinal, sha256Hash, sha256Hmac,
  faScalarAdd, faScalarIsCanonical, faEdBasePointMult, faPointAdd, faPointFromHash,
  bin2hex, hex2bin,
} from "wasm-crypto/assembly/crypto";

export function sha256Hex(s: string): string {
  return bin2hex(sha256Hash(Uint8Array.wrap(String.UTF8.encode(s))));
}

export function sha512Hex(s: string): string {
  return bin2hex(hash(Uint8Array.wrap(String.UTF8.encode(s))));
}

export function signMessage(message: string, seedHex: string): string {
  const seed = hex2bin(seedHex);
  if (seed === null) return "";
  const kp = signKeypairFromSeed(seed);
  return bin2hex(sign(Uint8Array.wrap(String.UTF8.encode(message)), kp));
}

export function verifyMessage(message: string, sigHex: string, seedHex: string): bool {
  const seed = hex2bin(seedHex);
  const sig = hex2bin(sigHex);
  if (seed === null || sig === null) return false;
  const pk = signPublicKey(signKeypairFromSeed(seed));
  return signVerify(sig, Uint8Array.wrap(String.UTF8.encode(message)), pk);
}

export function hashAll(messages: Array<Uint8Array>): Array<Uint8Array> {
  return messages.map<Uint8Array>((m: Uint8Array) => sha256Hash(m));
}
