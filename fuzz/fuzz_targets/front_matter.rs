//! Fuzz target: see `harness::front_matter`.

#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::front_matter(data));
