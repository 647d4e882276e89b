// as-virtual: views into a string or buffer without copying (Virtual<T> is generic).
import { Virtual } from "as-virtual/assembly/index";

export function slice(s: string, start: i32, end: i32): Virtual<string> {
  return new Virtual<string>(s, start << 1, end << 1);
}

export function copyOut(v: Virtual<string>): string {
  return v.copyOut();
}

export function equals(v: Virtual<string>, s: string): bool {
  return v.equals(s);
}

export function byteLength(v: Virtual<string>): i32 {
  return v.byteLength;
}

export function substringVirtual(s: string, start: i32, end: i32): string {
  return new Virtual<string>(s, start << 1, end << 1).copyOut();
}

export function bytesView(b: Uint8Array, start: i32, end: i32): Virtual<Uint8Array> {
  return new Virtual<Uint8Array>(b, start, end);
}
