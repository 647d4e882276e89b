// json-as: transform-driven JSON (de)serialization of @json classes (needs `--transform json-as`).
import { JSON } from "json-as";

@json
export class Vec3 {
  x: f32 = 0.0;
  y: f32 = 0.0;
  z: f32 = 0.0;
}

@json
export class Player {
  firstName: string = "";
  lastName: string = "";
  lastActive: i32[] = [];
  age: i32 = 0;
  pos: Vec3 | null = null;
  isVerified: boolean = false;
}

export enum Team {
  Red,
  Blue,
  Green = 7,
}

export function vecToJson(v: Vec3): string {
  return JSON.stringify<Vec3>(v);
}

export function vecFromJson(s: string): Vec3 {
  return JSON.parse<Vec3>(s);
}

export function playerToJson(p: Player): string {
  return JSON.stringify<Player>(p);
}

export function playerFromJson(s: string): Player {
  return JSON.parse<Player>(s);
}

export function makePlayer(first: string, last: string, age: i32, x: f32, y: f32, z: f32): Player {
  const p = new Player();
  p.firstName = first;
  p.lastName = last;
  p.age = age;
  const v = new Vec3();
  v.x = x; v.y = y; v.z = z;
  p.pos = v;
  return p;
}

export function numbersToJson(values: Array<f64>): string {
  return JSON.stringify<Array<f64>>(values);
}

export function namesFromJson(s: string): Array<string> {
  return JSON.parse<Array<string>>(s);
}

export function mapToJson(keys: Array<string>, values: Int32Array): string {
  const m = new Map<string, i32>();
  for (let i = 0; i < keys.length && i < values.length; i++) m.set(keys[i], values[i]);
  return JSON.stringify<Map<string, i32>>(m);
}

export function teamName(t: Team): string {
  return t == Team.Red ? "red" : t == Team.Blue ? "blue" : "green";
}
