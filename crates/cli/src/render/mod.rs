//! The terminal table. (JSON, CSV, Markdown and the trace are the core's
//! exports, shared with the app: `tapis_profile::export`.) The comparison of
//! cohorts, the load and the trends as terminal tables too.

pub mod cohorts;
pub mod table;

/// Left-aligned columns separated by two spaces; what the data puts in a cell
/// is shown with its control characters written out (`printable`).
pub fn grid(rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<std::borrow::Cow<str>>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| tapis_profile::format::printable(c))
                .collect()
        })
        .collect();
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
