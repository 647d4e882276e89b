//! `asbind transform`: write the `asc` transform that exports class members, which the
//! published crates carry, to where a build can pass it to asc.

use std::path::PathBuf;

use asbind_codegen::transform;
use clap::Args;

use crate::gen_cmd::quote;
use crate::{Failure, print_stdout};

/// Arguments of `asbind transform`.
#[derive(Debug, Args)]
pub struct TransformArgs {
    /// The folder to write `asbind-classes.mjs` into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Runs `asbind transform`.
pub fn run(args: &TransformArgs) -> Result<(), Failure> {
    let path = transform::write_classes_transform(&args.out)
        .map_err(|e| Failure::Other(format!("cannot write the classes transform: {e}")))?;
    let path = quote(&path);
    print_stdout(&format!(
        "wrote {path}\nbuild the module with:\n    asc <entry>.ts --transform {path} --bindings raw --exportRuntime\n"
    ))
}
