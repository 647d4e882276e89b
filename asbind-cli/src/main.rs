//! The `asbind` command-line tool (filled in by the generator issue).

fn main() {
    eprintln!("asbind: the generator is not built yet; see the open issues");
    std::process::exit(2);
}
