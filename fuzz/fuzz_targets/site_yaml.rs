//! Fuzz target: see `harness::site_yaml`.

#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::site_yaml(data));
