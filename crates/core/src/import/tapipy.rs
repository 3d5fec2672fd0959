//! The text a tapipy notebook prints. A `TapisResult` prints as a newline and
//! its attributes as sorted `key: value` lines; a nested result (such as
//! `transferSummary`) prints inline as more `key: value` lines; a list of them
//! prints as `[` + items joined by `, ` + `]`; notebooks also separate items
//! with lines such as `--`. Keys restart their sorted order at each new item,
//! which is how items are told apart when nothing else separates them.

use serde_json::{Map, Value};

use super::pylit;

/// Nested results whose fields are known: their lines belong to them, the
/// first other key returns to the parent.
const NESTED: &[(&str, &[&str])] = &[(
    "transferSummary",
    &[
        "completeTransfers",
        "created",
        "endTime",
        "errorMessage",
        "estimatedTotalBytes",
        "startTime",
        "status",
        "totalBytesTransferred",
        "totalTransfers",
        "uuid",
    ],
)];

pub(crate) struct Parsed {
    /// Objects with the line each starts on.
    pub items: Vec<(Value, usize)>,
    /// Lines that are neither `key: value` nor a separator nor a value's continuation
    /// (e.g. a notebook's own header line), with their numbers.
    pub skipped: Vec<(usize, String)>,
}

/// Does this text look like tapipy output (at least two `key: value` lines)?
pub(crate) fn looks_like_tapipy(text: &str) -> bool {
    text.lines()
        .filter(|l| key_value(l).is_some())
        .take(2)
        .count()
        == 2
}

pub(crate) fn parse(text: &str) -> Parsed {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let last_content = lines.iter().rposition(|l| !l.trim().is_empty());
    let mut out = Parsed {
        items: Vec::new(),
        skipped: Vec::new(),
    };
    let mut item: Option<Item> = None;
    for (i, raw) in lines.iter().enumerate() {
        let number = i + 1;
        let mut line = *raw;
        if i == 0 || lines[..i].iter().all(|l| l.trim().is_empty()) {
            line = line.strip_prefix('[').unwrap_or(line);
        }
        if Some(i) == last_content {
            line = line.trim_end().strip_suffix(']').unwrap_or(line);
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if is_separator(trimmed) {
            finish(&mut item, &mut out);
            continue;
        }
        let Some((key, value)) = key_value(line) else {
            match item.as_mut() {
                Some(it) if it.last.is_some() => it.continue_value(line),
                _ => out.skipped.push((number, trimmed.to_string())),
            }
            continue;
        };
        // `, ` joins list items: strip it when the next item starts right after.
        let next_key = lines[i + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| key_value(l))
            .map(|(k, _)| k);
        let mut value = value;
        let closes_item = match value.trim_end().strip_suffix(',') {
            Some(stripped) if next_key.is_none_or(|k| k <= key) => {
                value = stripped;
                true
            }
            _ => false,
        };
        let starts_new = item.as_ref().is_some_and(|it| it.starts_new(key));
        if starts_new {
            finish(&mut item, &mut out);
        }
        item.get_or_insert_with(|| Item::new(number))
            .add(key, value);
        if closes_item {
            finish(&mut item, &mut out);
        }
    }
    finish(&mut item, &mut out);
    out
}

fn finish(item: &mut Option<Item>, out: &mut Parsed) {
    if let Some(it) = item.take() {
        let line = it.line;
        out.items.push((it.into_value(), line));
    }
}

fn is_separator(line: &str) -> bool {
    (line.len() >= 2 && line.bytes().all(|b| b == b'-' || b == b'='))
        || line == ","
        || line == "["
        || line == "]"
}

/// `key: value` with a Python identifier as key.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    let ok = !key.is_empty()
        && key
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !ok || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.strip_prefix(' ').unwrap_or(rest)))
}

struct Item {
    line: usize,
    map: Map<String, Value>,
    last_top: Option<String>,
    /// The open nested result: its key, fields so far, and its known field names.
    nested: Option<(String, Map<String, Value>, &'static [&'static str])>,
    /// Where a continuation line goes: (nested?, key).
    last: Option<(bool, String)>,
}

impl Item {
    fn new(line: usize) -> Item {
        Item {
            line,
            map: Map::new(),
            last_top: None,
            nested: None,
            last: None,
        }
    }

    fn starts_new(&self, key: &str) -> bool {
        if let Some((_, map, known)) = &self.nested {
            if known.contains(&key) && !map.contains_key(key) {
                return false;
            }
        }
        self.map.contains_key(key) || self.last_top.as_deref().is_some_and(|last| key <= last)
    }

    fn add(&mut self, key: &str, value: &str) {
        if let Some((_, map, known)) = &mut self.nested {
            if known.contains(&key) && !map.contains_key(key) {
                map.insert(key.to_string(), scalar(value));
                self.last = Some((true, key.to_string()));
                return;
            }
            self.close_nested();
        }
        if value.trim().is_empty() {
            if let Some((_, known)) = NESTED.iter().find(|(k, _)| *k == key) {
                self.nested = Some((key.to_string(), Map::new(), known));
                self.last_top = Some(key.to_string());
                self.last = None;
                return;
            }
        }
        self.map.insert(key.to_string(), scalar(value));
        self.last_top = Some(key.to_string());
        self.last = Some((false, key.to_string()));
    }

    fn close_nested(&mut self) {
        if let Some((key, map, _)) = self.nested.take() {
            self.map.insert(key, Value::Object(map));
        }
    }

    fn continue_value(&mut self, line: &str) {
        let Some((nested, key)) = &self.last else {
            return;
        };
        let target = if *nested {
            self.nested.as_mut().map(|(_, m, _)| m)
        } else {
            Some(&mut self.map)
        };
        if let Some(Value::String(s)) = target.and_then(|m| m.get_mut(key.as_str())) {
            s.push('\n');
            s.push_str(line);
        }
    }

    fn into_value(mut self) -> Value {
        self.close_nested();
        Value::Object(self.map)
    }
}

/// A printed value back to JSON: `None`/`True`/`False`, integers and decimals;
/// JSON text (tapipy prints `fileInputs`, `notes` as the JSON strings Tapis sent)
/// stays a string; Python lists become arrays; anything else is a string.
fn scalar(text: &str) -> Value {
    let t = text.trim();
    match t {
        "None" => return Value::Null,
        "True" => return Value::Bool(true),
        "False" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = pylit::number(t) {
        return Value::Number(n);
    }
    if t.starts_with(['[', '{']) && serde_json::from_str::<serde::de::IgnoredAny>(t).is_err() {
        if let Ok(v) = pylit::parse(t) {
            return v;
        }
    }
    Value::String(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const A: &str = "\ncreated: 2025-01-01T00:00:00Z\ndescription: x\nevent: JOB_NEW_STATUS\neventDetail: PENDING\ntransferSummary: \n\ntransferTaskUuid: None";
    const B: &str = "\ncreated: 2025-01-01T00:01:00Z\ndescription: y\nevent: JOB_INPUT_TRANSACTION_ID\neventDetail: COMPLETED\ntransferSummary: \ncompleteTransfers: 2\ncreated: 2025-01-01T00:00:10Z\nuuid: t-1\ntransferTaskUuid: t-1";

    fn items(text: &str) -> Vec<Value> {
        parse(text).items.into_iter().map(|(v, _)| v).collect()
    }

    #[test]
    fn a_printed_list_a_dashed_list_and_bare_items_read_alike() {
        let list = format!("[{A}, {B}]");
        let dashed = format!("{A}\n--\n{B}\n--\n");
        let bare = format!("{A}{B}");
        let want = items(&list);
        assert_eq!(want.len(), 2, "{want:?}");
        assert_eq!(items(&dashed), want);
        assert_eq!(items(&bare), want);
        assert_eq!(want[0]["transferSummary"], json!({}));
        assert_eq!(want[0]["transferTaskUuid"], Value::Null);
        assert_eq!(
            want[1]["transferSummary"],
            json!({"completeTransfers": 2, "created": "2025-01-01T00:00:10Z", "uuid": "t-1"})
        );
        assert_eq!(want[1]["transferTaskUuid"], json!("t-1"));
        assert_eq!(want[1]["created"], json!("2025-01-01T00:01:00Z"));
    }

    #[test]
    fn header_lines_are_skipped_and_python_lists_read() {
        let p =
            parse("abc-1 FAILED 2024\n\nstatus: FAILED\ntags: ['a: b']\nuuid: abc-1\n----------\n");
        assert_eq!(p.skipped, vec![(1, "abc-1 FAILED 2024".to_string())]);
        assert_eq!(p.items[0].0["tags"], json!(["a: b"]));
        assert_eq!(p.items[0].1, 3);
    }
}
