//! The `.d.ts` parser on arbitrary text: every dialect's rules, the tokenizer and the JSDoc
//! reader. Any input must give a `Dts` or diagnostics, never a panic or a hang.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = asbind_codegen::input::dts::parse(Path::new("fuzz.d.ts"), &text);
});
