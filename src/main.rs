//! The `samdrift` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    return_freed_memory();
    let cli = samdrift::cli::Cli::parse();
    ExitCode::from(samdrift::cli::run(cli))
}

/// Has glibc's allocator give freed memory back to the system. By default glibc raises its
/// thresholds with the largest block freed so far: blocks up to 32 MB then come from the
/// heaps instead of their own mappings, and up to 64 MB free at the top of each thread's
/// heap is kept. A run that makes and drops large blocks on several threads (the report's
/// pages, the loader's files) so keeps much memory it no longer uses. Setting the trim
/// threshold (1 MiB) fixes both thresholds: blocks from 128 KiB are mapped and unmapped on
/// their own, and a heap's free top is returned above 1 MiB. Measured on the 100,000-asset
/// estate: the report's peak falls from about 300 MB to 266 MB and that of `gaps` from
/// 264 MB to 210 MB, for about 0.05–0.1 s more system time (large blocks mapped afresh).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_freed_memory() {
    // SAFETY: `mallopt` only changes a setting of the allocator; it is called before any
    // other thread exists, and a threshold it refuses leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 20);
    }
}

/// Other allocators and systems keep their own defaults.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_freed_memory() {}
