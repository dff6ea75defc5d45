//! The binary's allocator: mimalloc, told to give freed memory back at once.

use libmimalloc_sys::{mi_option_set, mi_option_t};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Positions in mimalloc's `mi_option_e` (mimalloc.h, the same in its v2 and v3), which the
// binding does not name.
const ARENA_EAGER_COMMIT: mi_option_t = 4;
const PURGE_DELAY: mi_option_t = 15;

/// By default mimalloc keeps freed pages for a second before returning them, so the memory a
/// build frees after parsing and ranking keywords is still held while the outputs are written:
/// purging at once took the 10× corpus's peak from 364 MB to 301–310 MB and the shared corpus's
/// from 176 MB to 126 MB, with no more CPU time (BENCHMARKS.md, "Memory"). Arenas made from now
/// on are committed on demand too (the first one, made before `main`, is not).
pub(crate) fn tune() {
    // SAFETY: plain option stores, before any thread but this one exists.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(PURGE_DELAY, 0);
    }
}
