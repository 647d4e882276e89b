// as-hex: hex encoding of a string's UTF-8 bytes.
import { encode, decode } from "as-hex/assembly/index";
export { encode, decode } from "as-hex/assembly/index";

export function encodeAll(items: Array<string>): Array<string> {
  return items.map<string>((s: string) => encode(s));
}

export function roundTrip(s: string): bool {
  return decode(encode(s)) == s;
}

export function encodedLength(s: string): i32 {
  return encode(s).length;
}
