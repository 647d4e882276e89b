// assemblyscript-json: a JSON DOM (JSON.Value class hierarchy) and a streaming encoder.
import { JSON, JSONEncoder } from "assemblyscript-json/assembly/index";
export { JSONEncoder, JSONDecoder, JSONHandler, ThrowingJSONHandler } from "assemblyscript-json/assembly/index";
export { Value, Obj, Arr, Str, Num, Integer, Bool, Null } from "assemblyscript-json/assembly/JSON";

export function parse(text: string): JSON.Value {
  return JSON.parse(text);
}

export function stringify(value: JSON.Value): string {
  return value.stringify();
}

export function getString(text: string, key: string): string | null {
  const v = JSON.parse(text);
  if (!v.isObj) return null;
  const s = (<JSON.Obj>v).getString(key);
  return s ? s.valueOf() : null;
}

export function getInteger(text: string, key: string): i64 {
  const v = JSON.parse(text);
  if (!v.isObj) return -1;
  const n = (<JSON.Obj>v).getInteger(key);
  return n ? n.valueOf() : -1;
}

export function arrayLength(text: string): i32 {
  const v = JSON.parse(text);
  return v.isArr ? (<JSON.Arr>v).valueOf().length : -1;
}

export function keys(text: string): Array<string> {
  const v = JSON.parse(text);
  return v.isObj ? (<JSON.Obj>v).keys : [];
}

export function makeObject(names: Array<string>, values: Float64Array): string {
  const obj = JSON.Value.Object();
  for (let i = 0; i < names.length && i < values.length; i++) obj.set(names[i], values[i]);
  return obj.stringify();
}

export function encodePair(name: string, value: i64, flag: bool): string {
  const enc = new JSONEncoder();
  enc.pushObject(null);
  enc.setInteger(name, value);
  enc.setBoolean("flag", flag);
  enc.popObject();
  return enc.toString();
}

export function parseBytes(bytes: Uint8Array): bool {
  return JSON.parse(bytes).isObj;
}
