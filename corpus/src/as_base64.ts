// as-base64: base64 <-> Uint8Array, plus string round trips through UTF-8.
import { encode, decode } from "as-base64/assembly/index";
export { encode, decode } from "as-base64/assembly/index";

export function encodeString(s: string): string {
  return encode(Uint8Array.wrap(String.UTF8.encode(s)));
}

export function decodeToString(b64: string): string {
  return String.UTF8.decode(decode(b64).buffer);
}

export function roundTripLength(bytes: Uint8Array): i32 {
  return decode(encode(bytes)).length;
}

export function encodeMany(items: Array<Uint8Array>): Array<string> {
  const out = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = encode(items[i]);
  return out;
}

export function encodeStatic(bytes: StaticArray<u8>): string {
  const u = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) u[i] = bytes[i];
  return encode(u);
}
