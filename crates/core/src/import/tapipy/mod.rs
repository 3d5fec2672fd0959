//! The text a tapipy notebook prints. tapipy (25.4.0, `tapipy.tapis.TapisResult`)
//! prints a result as a line break and one `key: value` line per attribute, in
//! sorted order of keys:
//! * a nested object (`transferSummary`, `notes` since 2026, `parameterSet` where
//!   Tapis sends an object) prints as `key: ` and then its own lines, flattened,
//!   with nothing to mark where it ends (an empty one as an empty line);
//! * a list of objects prints as `[`, the objects joined by `, ` and `]`, glued
//!   to the first and last lines of the objects; a list holding any plain value
//!   prints as Python's repr (`['a', 'b']`);
//! * scalars print as Python's `str`: `None`, `True`, `42`, text as is (text that
//!   holds line breaks runs on over several lines).
//!
//! Notebooks print several results one after another, or with lines such as
//! `--` between them, and sometimes a header line of their own.
//!
//! Where a nested object ends is read from the order of keys (an object's keys
//! are sorted, so a key that sorts before its last one belongs further out) and,
//! where that leaves a choice, from the shapes of Tapis' objects (`shapes`): a
//! key goes to the innermost open object whose shape names it. Scalars are
//! read back as text (`42` may have been `"42"`: the wire types take numbers as
//! text and text as numbers), `None`, `True` and `False` as JSON's.
//!
//! No recursion: open objects and lists are a stack. An item nested deeper than
//! [`MAX_DEPTH`] or larger than [`MAX_TREE_BYTES`] is dropped with a problem that
//! names its line, and reading goes on with the next.

mod shapes;

use serde_json::{Map, Value};

use super::limits::{too_deep, too_large, MAX_DEPTH, MAX_TREE_BYTES};
use super::pylit;
use shapes::{Shape, FREE, ITEM};

pub(crate) struct Parsed {
    /// Objects with the line each starts on.
    pub items: Vec<(Value, usize)>,
    /// Lines that are neither `key: value` nor a separator nor a value's continuation
    /// (e.g. a notebook's own header line), with their numbers.
    pub skipped: Vec<(usize, String)>,
    /// Items dropped whole: the line where, and why.
    pub dropped: Vec<(usize, String)>,
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
    let mut p = Printed {
        lines: &lines,
        stack: Vec::new(),
        lists: Vec::new(),
        item: ItemState::default(),
        out: Parsed {
            items: Vec::new(),
            skipped: Vec::new(),
            dropped: Vec::new(),
        },
    };
    for i in 0..lines.len() {
        p.line(i);
    }
    p.close_all();
    p.out
}

/// One open object or list.
enum Frame {
    Object {
        map: Map<String, Value>,
        /// The last key given (of a value or of a nested frame still open).
        last: Option<String>,
        shape: &'static Shape,
        /// Its key in the object around it (empty for an item of a list).
        key: String,
        /// Where it starts (1-based).
        line: usize,
    },
    List {
        items: Vec<Value>,
        key: String,
        /// The items' shape.
        shape: &'static Shape,
        /// A printed list of results (`print(history)`): its items are the input's.
        top: bool,
    },
}

/// What is known of the top-level item being read.
#[derive(Default)]
struct ItemState {
    /// Bytes of its lines so far.
    bytes: usize,
    /// Why it will be dropped, and where that was found.
    problem: Option<(usize, String)>,
}

struct Printed<'t, 'l> {
    lines: &'l [&'t str],
    stack: Vec<Frame>,
    /// Where the open lists are in `stack`, innermost last.
    lists: Vec<usize>,
    item: ItemState,
    out: Parsed,
}

impl Printed<'_, '_> {
    fn line(&mut self, i: usize) {
        let raw = self.lines[i];
        let number = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return;
        }
        if self.top_item().is_some() {
            self.item.bytes += raw.len() + 1;
            if self.item.bytes > MAX_TREE_BYTES && self.item.problem.is_none() {
                self.item.problem = Some((number, too_large("an item")));
            }
        }
        if is_separator(trimmed) {
            self.close_all();
            return;
        }
        if trimmed == "[" {
            // `print(list)`: the list's items follow, the first on the next line.
            self.close_all();
            self.push(
                Frame::List {
                    items: Vec::new(),
                    key: String::new(),
                    shape: &ITEM,
                    top: true,
                },
                number,
            );
            self.open_item(number + 1);
            return;
        }
        if let Some(closers) = only_closers(trimmed, self.open_lists()) {
            self.apply_closers(closers, number);
            return;
        }
        match key_value(raw) {
            Some((key, value)) => self.entry(key, value, i),
            None => self.continuation(raw, number),
        }
    }

    /// A `key: value` line.
    fn entry(&mut self, key: &str, value: &str, i: usize) {
        let number = i + 1;
        match self.target(key) {
            Some(at) => self.close_above(at),
            None => self.next_item(number),
        }
        if value.trim() == "[" {
            // A list of results: its first item starts on the next line.
            let shape = self.shape().list_item(key);
            self.open_nested(key, number);
            self.push(
                Frame::List {
                    items: Vec::new(),
                    key: key.to_string(),
                    shape,
                    top: false,
                },
                number,
            );
            self.open_item(number + 1);
            return;
        }
        if value.trim().is_empty() {
            self.empty_value(key, i);
            return;
        }
        let (text, closers) = split_closers(value, self.open_lists());
        self.set(key, scalar(text));
        if !closers.is_empty() {
            self.apply_closers(closers, number);
        }
    }

    /// `key: ` with nothing after it: an empty string, or an object whose lines
    /// follow (an empty one prints as an empty line).
    fn empty_value(&mut self, key: &str, i: usize) {
        let number = i + 1;
        let next = self.lines.get(i + 1).map(|l| l.trim());
        if next == Some("") {
            self.set(key, Value::Object(Map::new()));
            return;
        }
        let shape = self.shape();
        let nested = match shape.object(key) {
            Some(nested) => Some(nested),
            None if shape.has(key) => None,
            // A key no shape names: an object when the next key cannot follow it
            // in this object and is not one of the item's own.
            None => {
                let next_key = self.lines[i + 1..]
                    .iter()
                    .find(|l| !l.trim().is_empty())
                    .and_then(|l| key_value(l))
                    .map(|(k, _)| k);
                next_key
                    .filter(|k| *k <= key && !self.known_outside(k))
                    .map(|_| &FREE)
            }
        };
        match nested {
            Some(shape) => {
                self.open_nested(key, number);
                self.push(
                    Frame::Object {
                        map: Map::new(),
                        last: None,
                        shape,
                        key: key.to_string(),
                        line: number,
                    },
                    number,
                );
            }
            None => self.set(key, Value::String(String::new())),
        }
    }

    /// A line that is not `key: value`: more of the last value's text, or (before
    /// any item) a header line of the notebook's.
    fn continuation(&mut self, raw: &str, number: usize) {
        let (text, closers) = split_closers(raw, self.open_lists());
        let appended = match self.stack.last_mut() {
            Some(Frame::Object {
                map,
                last: Some(last),
                ..
            }) => match map.get_mut(last.as_str()) {
                Some(Value::String(s)) => {
                    s.push('\n');
                    s.push_str(text);
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if !appended {
            self.out.skipped.push((number, raw.trim().to_string()));
            return;
        }
        if !closers.is_empty() {
            self.apply_closers(closers, number);
        }
    }

    /// Which open object `key` goes to (its index in the stack), or `None` when it
    /// starts a new item. Within a list's item: never past the item (items end
    /// at `, ` and `]`). The innermost object whose shape names the key wins,
    /// searched among the [`MAX_DEPTH`] innermost (deeper, the item is dropped
    /// anyway); else the innermost it fits, which closes every object above it,
    /// so the search costs no more than the closing.
    fn target(&self, key: &str) -> Option<usize> {
        let base = self.lists.last().map_or(0, |l| l + 1);
        let fits = |j: &usize| match &self.stack[*j] {
            Frame::Object { map, last, .. } => {
                last.as_deref().is_none_or(|l| key > l) && !map.contains_key(key)
            }
            Frame::List { .. } => false,
        };
        let window = base.max(self.stack.len().saturating_sub(MAX_DEPTH));
        (window..self.stack.len())
            .rev()
            .filter(fits)
            .find(|&j| matches!(&self.stack[j], Frame::Object { shape, .. } if shape.has(key)))
            .or_else(|| (base..self.stack.len()).rev().find(fits))
    }

    /// Whether one of the innermost open objects' shapes names `key` (so it is
    /// not a nested object's).
    fn known_outside(&self, key: &str) -> bool {
        self.stack
            .iter()
            .rev()
            .take(MAX_DEPTH)
            .any(|f| matches!(f, Frame::Object { shape, .. } if shape.has(key)))
    }

    /// A key that no open object can take: the next item of the innermost list,
    /// else the input's next item.
    fn next_item(&mut self, number: usize) {
        match self.lists.last().copied() {
            Some(list) => {
                self.close_above(list);
                self.open_item(number);
            }
            None => {
                self.close_all();
                self.open_item(number);
            }
        }
    }

    /// Opens an item: of the innermost list, or of the input.
    fn open_item(&mut self, line: usize) {
        let shape = match self.stack.last() {
            Some(Frame::List { shape, .. }) => *shape,
            _ => &ITEM,
        };
        if self.top_item().is_none() {
            self.item = ItemState::default();
        }
        self.push(
            Frame::Object {
                map: Map::new(),
                last: None,
                shape,
                key: String::new(),
                line,
            },
            line,
        );
    }

    /// Pushes a frame, noting when the item gets deeper than [`MAX_DEPTH`].
    fn push(&mut self, frame: Frame, number: usize) {
        if matches!(frame, Frame::List { .. }) {
            self.lists.push(self.stack.len());
        }
        self.stack.push(frame);
        if self.depth(self.stack.len() - 1) > MAX_DEPTH && self.item.problem.is_none() {
            self.item.problem = Some((number, too_deep()));
        }
    }

    /// How deep the frame at `index` is in its item (the item itself is 1).
    fn depth(&self, index: usize) -> usize {
        let first = match self.stack.first() {
            Some(Frame::List { top: true, .. }) => 1,
            _ => 0,
        };
        index + 1 - first.min(index)
    }

    /// The index of the input's item being read, if one is open.
    fn top_item(&self) -> Option<usize> {
        match self.stack.first() {
            Some(Frame::List { top: true, .. }) => (self.stack.len() > 1).then_some(1),
            Some(_) => Some(0),
            None => None,
        }
    }

    /// The innermost object's shape.
    fn shape(&self) -> &'static Shape {
        match self.stack.last() {
            Some(Frame::Object { shape, .. }) => shape,
            _ => &FREE,
        }
    }

    fn open_lists(&self) -> usize {
        self.lists.len()
    }

    /// Records `key` as the innermost object's last key: a nested frame opens under it.
    fn open_nested(&mut self, key: &str, number: usize) {
        if !matches!(self.stack.last(), Some(Frame::Object { .. })) {
            self.open_item(number);
        }
        if let Some(Frame::Object { last, .. }) = self.stack.last_mut() {
            *last = Some(key.to_string());
        }
    }

    /// Sets `key` in the innermost object (opening an item when none is open).
    fn set(&mut self, key: &str, value: Value) {
        if !matches!(self.stack.last(), Some(Frame::Object { .. })) {
            self.open_item(0);
        }
        let keep = self.item.problem.is_none();
        if let Some(Frame::Object { map, last, .. }) = self.stack.last_mut() {
            if keep {
                map.insert(key.to_string(), value);
            }
            *last = Some(key.to_string());
        }
    }

    /// `]` closes the innermost list, `,` its current item (the next begins).
    fn apply_closers(&mut self, closers: &str, number: usize) {
        for c in closers.chars() {
            let Some(&list) = self.lists.last() else {
                return;
            };
            match c {
                ']' => {
                    self.close_above(list);
                    self.pop();
                }
                ',' => {
                    self.close_above(list);
                    self.open_item(number + 1);
                }
                _ => {}
            }
        }
    }

    /// Closes every frame above `index`.
    fn close_above(&mut self, index: usize) {
        while self.stack.len() > index + 1 {
            self.pop();
        }
    }

    fn close_all(&mut self) {
        while !self.stack.is_empty() {
            self.pop();
        }
    }

    /// Closes the innermost frame and puts its value where it belongs.
    fn pop(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let depth = self.depth(self.stack.len());
        if matches!(frame, Frame::List { .. }) {
            self.lists.pop();
        }
        let (value, key, line) = match frame {
            Frame::Object { map, key, line, .. } => (Value::Object(map), key, line),
            Frame::List { top: true, .. } => return,
            Frame::List { items, key, .. } => (Value::Array(items), key, 0),
        };
        // Nothing deeper than the bound is ever attached: a dropped item's tree
        // stays within it.
        let keep = depth <= MAX_DEPTH && self.item.problem.is_none();
        match self.stack.last_mut() {
            Some(Frame::Object { map, .. }) => {
                if keep {
                    map.insert(key, value);
                }
            }
            Some(Frame::List {
                items, top: false, ..
            }) => {
                if keep {
                    items.push(value);
                }
            }
            Some(Frame::List { top: true, .. }) | None => self.emit(value, line),
        }
    }

    /// An item of the input is complete.
    fn emit(&mut self, value: Value, line: usize) {
        let item = std::mem::take(&mut self.item);
        if let Some(problem) = item.problem {
            self.out.dropped.push(problem);
        } else if value.as_object().is_some_and(|m| !m.is_empty()) {
            self.out.items.push((value, line));
        }
    }
}

fn is_separator(line: &str) -> bool {
    line.len() >= 2 && line.bytes().all(|b| b == b'-' || b == b'=')
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

/// A line of closers only (`]`, `, `, `]]`, …) that the open lists can take.
fn only_closers(line: &str, lists: usize) -> Option<&str> {
    let (text, closers) = split_closers(line, lists);
    (text.trim().is_empty() && !closers.is_empty()).then_some(closers)
}

/// Splits what ends a value in a list (`]` closes a list, `,` an item) from the
/// value, as far as the `lists` open lists can take them. A value that starts a
/// list or object of its own (JSON text, a Python list) keeps its own brackets.
fn split_closers(value: &str, lists: usize) -> (&str, &str) {
    if lists == 0 {
        return (value, "");
    }
    let v = value.trim_end();
    let own_end = v
        .trim_start()
        .starts_with(['[', '{', '('])
        .then(|| literal_end(v))
        .flatten();
    let floor = own_end.unwrap_or(0);
    // The longest run of closers at the end that the open lists can take (a run
    // that fits still fits without its first character: found by halving).
    let mut run = v.len();
    for (at, c) in v.char_indices().rev() {
        if at < floor || !matches!(c, ']' | ',' | ' ') {
            break;
        }
        run = at;
    }
    let (mut lo, mut hi) = (run, v.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if closers_fit(&v[mid..], lists) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    match closers_fit(&v[lo..], lists) {
        true => (&v[..lo], &v[lo..]),
        false => (v, ""),
    }
}

/// Whether `closers` (`]`, `,`, spaces) can all be applied to `lists` open lists.
fn closers_fit(closers: &str, lists: usize) -> bool {
    let mut open = lists;
    !closers.trim_start().is_empty()
        && closers.chars().all(|c| match c {
            ']' if open > 0 => {
                open -= 1;
                true
            }
            ',' => open > 0,
            ' ' => true,
            _ => false,
        })
}

/// Where a JSON value or a Python literal at the start of `text` ends.
fn literal_end(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    let mut de = serde_json::Deserializer::from_str(t).into_iter::<serde::de::IgnoredAny>();
    if de.next().is_some_and(|r| r.is_ok()) {
        return Some(lead + de.byte_offset());
    }
    pylit::parse_prefix(t).map(|(_, end)| lead + end)
}

/// A printed value back to JSON: `None`, `True` and `False` as JSON's; JSON text
/// (tapipy prints `fileInputs`, `notes` as the JSON strings Tapis sent) stays
/// text; Python lists become arrays; anything else is text, numbers too (the
/// print does not say whether `42` was a number or text; the wire types read
/// either).
fn scalar(text: &str) -> Value {
    let t = text.trim();
    match t {
        "None" => return Value::Null,
        "True" => return Value::Bool(true),
        "False" => return Value::Bool(false),
        _ => {}
    }
    if t.starts_with(['[', '{', '(']) && serde_json::from_str::<serde::de::IgnoredAny>(t).is_err() {
        if let Ok(literal) = pylit::parse(t) {
            return literal.value;
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
            json!({"completeTransfers": "2", "created": "2025-01-01T00:00:10Z", "uuid": "t-1"})
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

    /// tapipy 25.4.0's print of a 2026 job: `notes` an object, flattened.
    #[test]
    fn a_nested_object_ends_where_its_keys_stop_fitting() {
        let job = "\nname: n\nnodeCount: 1\nnotes: \ncategory: Simulation\nisInteractive: False\nlabel: L\nowner: o\nstatus: FINISHED\nuuid: u-1";
        let read = items(job);
        assert_eq!(read.len(), 1, "{read:?}");
        assert_eq!(
            read[0],
            json!({"name": "n", "nodeCount": "1", "notes": {"category": "Simulation",
                "isInteractive": false, "label": "L"}, "owner": "o", "status": "FINISHED", "uuid": "u-1"})
        );
    }

    /// Lists of objects nest in objects nest in lists: `parameterSet` as an object.
    #[test]
    fn lists_of_objects_nest_at_any_depth() {
        let job = "\nname: n\nparameterSet: \nappArgs: [\narg: a\nnotes: \nisHidden: True, \narg: b\nname: B]\narchiveFilter: \nexcludes: []\nincludes: ['x']\ncontainerArgs: []\nlogConfig: \nstdoutFilename: out\nschedulerOptions: [\narg: -A x]\nstatus: FINISHED\nuuid: u-1";
        let read = items(job);
        assert_eq!(read.len(), 1, "{read:?}");
        assert_eq!(
            read[0],
            json!({"name": "n", "parameterSet": {
                "appArgs": [{"arg": "a", "notes": {"isHidden": true}}, {"arg": "b", "name": "B"}],
                "archiveFilter": {"excludes": "[]", "includes": ["x"]},
                "containerArgs": "[]",
                "logConfig": {"stdoutFilename": "out"},
                "schedulerOptions": [{"arg": "-A x"}]},
              "status": "FINISHED", "uuid": "u-1"})
        );
    }

    #[test]
    fn an_empty_string_is_not_an_object() {
        let read = items("[\nsourceUrl: tapis://a\nsrcSharedAppCtx: \ntargetPath: t, \nsourceUrl: tapis://b\nsrcSharedAppCtx: , \nsourceUrl: c]");
        assert_eq!(
            read,
            vec![
                json!({"sourceUrl": "tapis://a", "srcSharedAppCtx": "", "targetPath": "t"}),
                json!({"sourceUrl": "tapis://b", "srcSharedAppCtx": ""}),
                json!({"sourceUrl": "c"}),
            ]
        );
    }

    #[test]
    fn text_on_several_lines_and_values_ending_in_brackets() {
        let read = items("\nlastMessage: first\n  at second]\nstatus: FAILED\ntags: ['a']");
        assert_eq!(
            read,
            vec![json!({"lastMessage": "first\n  at second]", "status": "FAILED", "tags": ["a"]})]
        );
        // In a list, a value's own brackets are told from the list's.
        let read = items("[\nstatus: A\ntags: ['a]'], \nstatus: B\ntags: ['b', 'c']]");
        assert_eq!(
            read,
            vec![
                json!({"status": "A", "tags": ["a]"]}),
                json!({"status": "B", "tags": ["b", "c"]}),
            ]
        );
    }

    #[test]
    fn nesting_past_the_bound_drops_the_item_and_not_the_next() {
        // Each `a: ` opens an object (the next `a` cannot follow `a` in one).
        let deep = format!(
            "{}b: 1\n--\nstatus: FINISHED\nuuid: u-2\n",
            "a: \n".repeat(100_000)
        );
        let p = parse(&deep);
        assert_eq!(p.dropped, vec![(MAX_DEPTH, too_deep())]);
        assert_eq!(p.items.len(), 1);
        assert_eq!(p.items[0].0["uuid"], json!("u-2"));
        let lists = format!(
            "[\n{}b: 1{}\n",
            "a: [\n".repeat(100_000),
            "]".repeat(100_001)
        );
        let p = parse(&lists);
        assert_eq!(p.dropped.len(), 1, "{:?}", p.dropped);
        assert!(p.items.is_empty());
    }
}
