//! Human-readable output of a report, like a compiler's. (Being written.)
