type i8 = number;
type i16 = number;
type i32 = number;
type i64 = bigint;
type isize = number;
type u8 = number;
type u16 = number;
type u32 = number;
type u64 = bigint;
type usize = number;
type f32 = number;
type f64 = number;
type bool = boolean | number;
export class Shape {
  static wrap(ptr: usize): Shape;
  valueOf(): usize;
  static count: i32;
  static create(name: usize): usize;
  name: usize;
  constructor(name: usize);
  area(): f64;
  describe(): usize;
}
export class Circle extends Shape {
  static wrap(ptr: usize): Circle;
  valueOf(): usize;
  constructor(radius?: f64);
  area(): f64;
  radius: f64;
}
export class Temperature {
  static wrap(ptr: usize): Temperature;
  valueOf(): usize;
  static ABSOLUTE_ZERO: f64;
  static made: i32;
  static freezing(): usize;
  readonly id: i32;
  constructor(celsius: f64);
  get celsius(): f64;
  set celsius(v: f64);
  get fahrenheit(): f64;
  warmer(by?: f64): usize;
  hotterThan(other: usize): bool;
  format(): usize;
}
export function make_shapes(n: i32): usize;
export function total_area(shapes: usize): f64;
export const memory: WebAssembly.Memory;
export function __new(size: usize, id: u32): usize;
export function __pin(ptr: usize): usize;
export function __unpin(ptr: usize): void;
export function __collect(): void;
export const __rtti_base: usize;
export const __setArgumentsLength: ((n: i32) => void) | undefined;
