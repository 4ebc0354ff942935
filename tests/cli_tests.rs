//! Command-line snapshot tests: each `tests/cmd/<case>.toml` runs the binary with its
//! arguments (most on a fixture tree under `tests/fixtures/`) and compares exit code, standard
//! output and standard error with the files beside it. See `tests/README.md`.

#[test]
fn cli_tests() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
