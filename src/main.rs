//! The `komunikat` command: see `komunikat --help`.

fn main() {
    std::process::exit(komunikat::cli::main());
}
