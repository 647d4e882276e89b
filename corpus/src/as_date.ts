// as-date: a Date class with timezone support. The library's class is named `Date`, like the
// standard library's global one, so it is re-exported both as Date and under another name.
import { Date as ADate } from "as-date/assembly/index";
export { Date } from "as-date/assembly/index";
export { Date as CalDate } from "as-date/assembly/index";

export class DateParts {
  year: i32 = 0;
  month: i32 = 0;
  day: i32 = 0;
  hours: i32 = 0;
  minutes: i32 = 0;
}

export function fromMillis(ms: i64): ADate {
  return new ADate(ms);
}

export function millis(d: ADate): i64 {
  return d.getTime();
}

export function parts(ms: i64, tzOffsetMinutes: i32): DateParts {
  const d = new ADate(ms);
  d.setTimezoneOffset(tzOffsetMinutes);
  const p = new DateParts();
  p.year = d.getFullYear();
  p.month = d.getMonth();
  p.day = d.getDate();
  p.hours = d.getHours();
  p.minutes = d.getMinutes();
  return p;
}

export function withYear(d: ADate, year: i32): ADate {
  const out = new ADate(d.getTime());
  out.setFullYear(year);
  return out;
}

export function yearsOf(ms: Int64Array): Int32Array {
  const out = new Int32Array(ms.length);
  for (let i = 0; i < ms.length; i++) out[i] = new ADate(ms[i]).getUTCFullYear();
  return out;
}
