//! Newline-delimited JSON: one flat object per line, keys in the order written.
//! Written field by field into one buffer (no `serde_json::Value` per cell): the
//! row exports run to millions of lines at facility scale.

use serde::Serialize;

/// The lines written so far.
#[derive(Default)]
pub(crate) struct Lines {
    out: Vec<u8>,
}

impl Lines {
    /// Starts a line; its fields follow, [`Line::end`] closes it.
    pub fn line(&mut self) -> Line<'_> {
        self.out.push(b'{');
        Line {
            out: &mut self.out,
            first: true,
        }
    }

    pub fn finish(self) -> String {
        // serde_json writes valid UTF-8 only, and the braces, colons and commas are ASCII.
        String::from_utf8(self.out).unwrap_or_default()
    }
}

pub(crate) struct Line<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl Line<'_> {
    /// One `"key": value`; `None` is written as `null`, as are NaN and infinities.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> &mut Self {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        // Writing into a Vec cannot fail, and these values always serialize.
        let _ = serde_json::to_writer(&mut *self.out, key);
        self.out.push(b':');
        let _ = serde_json::to_writer(&mut *self.out, value);
        self
    }

    pub fn end(&mut self) {
        self.out.extend_from_slice(b"}\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_flat_objects_one_per_line() {
        let mut lines = Lines::default();
        lines
            .line()
            .field("a", "x\"y")
            .field("b", &1.5)
            .field("c", &None::<u32>)
            .field("d", &f64::NAN)
            .end();
        lines.line().field("e", &true).end();
        assert_eq!(
            lines.finish(),
            "{\"a\":\"x\\\"y\",\"b\":1.5,\"c\":null,\"d\":null}\n{\"e\":true}\n"
        );
    }
}
