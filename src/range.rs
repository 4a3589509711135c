//! Ranges into the text: bytes of the text, and lines of the text's line list.
//!
//! A byte range and a line range are both two indices; keeping them apart in
//! the types means one is never passed where the other is meant.

/// A range of bytes of the checked text, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct ByteRange {
    pub start: usize,
    pub end: usize,
}

impl ByteRange {
    pub const fn new(start: usize, end: usize) -> Self {
        ByteRange { start, end }
    }

    /// The range moved right by `by` bytes: a range found within a line,
    /// placed in the whole text.
    pub const fn shift(self, by: usize) -> Self {
        ByteRange {
            start: self.start + by,
            end: self.end + by,
        }
    }

    /// The text in the range (empty when the range is not within `text`).
    pub fn of(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A range of lines, `first..end` (indices into the list of lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineRange {
    pub first: usize,
    pub end: usize,
}

impl LineRange {
    pub const fn new(first: usize, end: usize) -> Self {
        LineRange { first, end }
    }

    /// The lines in the range (empty when the range is not within `lines`).
    pub fn of<T>(self, lines: &[T]) -> &[T] {
        lines.get(self.first..self.end).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        let r = ByteRange::new(2, 5);
        assert_eq!(r.shift(10), ByteRange::new(12, 15));
        assert_eq!(r.of("abcdefg"), "cde");
        assert_eq!(ByteRange::new(5, 99).of("abc"), "");
        let l = LineRange::new(1, 3);
        assert_eq!(l.of(&[0, 1, 2, 3]), &[1, 2]);
        assert!(LineRange::new(3, 9).of(&[0]).is_empty());
    }
}
