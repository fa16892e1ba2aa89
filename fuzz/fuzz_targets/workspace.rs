#![no_main]
// The entry and its invariants live in tests/src/fuzz.rs, shared with the regression test.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kiertokit_tests::fuzz::workspace(data));
