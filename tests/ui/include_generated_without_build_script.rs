// This crate has no build script, so there is no OUT_DIR to include from.
asbind::include_generated!(hello);

fn main() {}
