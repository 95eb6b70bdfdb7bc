#![no_main]
//! Fuzzes the arc reader; the invariants live in `newsmill_io::fuzzing`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    newsmill_io::fuzzing::run_target("arc", data);
});
