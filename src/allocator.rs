//! The binary's allocator: mimalloc, told to give freed memory back at once.

use libmimalloc_sys::{mi_option_set, mi_option_t};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Positions in mimalloc's `mi_option_e` (mimalloc.h, the same in its v2 and v3), which the
// binding does not name.
const ARENA_EAGER_COMMIT: mi_option_t = 4;
const PURGE_DELAY: mi_option_t = 15;

/// How long freed pages are kept before they go back to the system (mimalloc's default: 1,000).
/// At once costs page faults when the pages are used again (25,000 instead of 1,700 on the
/// shared corpus, within the noise of its wall time on 2 cores); 100 ms left the 10× corpus's
/// peak at 310–318 MB, 0 at 287–309 MB.
const PURGE_AFTER_MS: std::ffi::c_long = 0;

/// By default mimalloc keeps freed pages for a second before returning them, so the memory a
/// build frees after parsing and ranking keywords is still held while the outputs are written:
/// purging at once took the 10× corpus's peak from 364 MB to 301–310 MB and the shared corpus's
/// from 176 MB to 126 MB (BENCHMARKS.md, "Memory"). Arenas made from now on are committed on
/// demand too (the first one, made before `main`, is not).
pub(crate) fn tune() {
    // SAFETY: plain option stores, before any thread but this one exists.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(PURGE_DELAY, PURGE_AFTER_MS);
    }
}
