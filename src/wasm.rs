//! The WebAssembly export layer. (Being written.)
