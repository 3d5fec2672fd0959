//! The tree's rules, checked on the sources as text so a test fails the moment one is broken:
//!
//! * **no import cycles between modules** ([`ModuleGraph::cycles`]): if module A needs B and B
//!   needs A, a third module (the facts both share) is missing;
//! * **pure folders stay pure** ([`web_uses`], [`ModuleGraph::edges_leaving`]): a folder of
//!   pure models names no browser crate and imports nothing outside the pure set.
//!
//! It reads `use` trees and `crate::`/`super::`/`self::`/child-module paths with comments and
//! string literals removed; it does not expand macros or follow re-exports. An edge from a
//! module to one of its ancestors is left out: a child naming what its parent declares or
//! re-exports is how a folder is built, not a cycle. Test code is left out too (items under
//! `#[cfg(test)]`, and the files of modules declared under it): a unit test may drive the
//! whole pipeline or the generator without the module it tests depending on them. The
//! crates' own tests (`tests/*.rs`) say which crates and folders each rule covers.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The crates whose names mean "this code touches the browser or the UI".
pub const BROWSER_CRATES: [&str; 5] = ["web_sys", "wasm_bindgen", "gloo", "yew", "js_sys"];

/// A crate's modules (one per file) and which module names which.
#[derive(Debug, Default)]
pub struct ModuleGraph {
    /// Module path (`""` for the crate root, `import::dto`) → its file.
    pub files: BTreeMap<String, PathBuf>,
    /// `(from, to)` module paths, ancestors left out (see the crate docs).
    pub edges: BTreeSet<(String, String)>,
}

impl ModuleGraph {
    /// Reads every `.rs` file under `src` (the folder holding `lib.rs` or `main.rs`; a binary's
    /// `main.rs` beside a `lib.rs` is another crate and is skipped).
    pub fn read(src: &Path) -> ModuleGraph {
        let mut graph = ModuleGraph::default();
        let has_lib = src.join("lib.rs").exists();
        for file in rust_files(src) {
            let rel = file.strip_prefix(src).expect("under src");
            if has_lib && rel == Path::new("main.rs") {
                continue;
            }
            graph.files.insert(module_path(rel), file);
        }
        let mut texts = BTreeMap::new();
        let mut test_only = Vec::new();
        for (module, file) in &graph.files {
            let code = code_only(&std::fs::read_to_string(file).unwrap_or_default());
            let (code, test_modules) = without_test_items(&code);
            test_only.extend(test_modules.into_iter().map(|m| join(module, &m)));
            texts.insert(module.clone(), code);
        }
        graph
            .files
            .retain(|m, _| !test_only.iter().any(|t| m == t || is_ancestor(t, m)));
        for module in graph.files.keys().cloned().collect::<Vec<_>>() {
            let text = &texts[&module];
            for path in referenced_paths(text, &module, &graph.files) {
                if let Some(target) = graph.resolve(&module, &path) {
                    if target != module && !is_ancestor(&target, &module) {
                        graph.edges.insert((module.clone(), target));
                    }
                }
            }
        }
        graph
    }

    /// The deepest module a path (already absolute, from the crate root) names.
    fn resolve(&self, _from: &str, path: &[String]) -> Option<String> {
        let mut best = None;
        for end in 0..=path.len() {
            let candidate = path[..end].join("::");
            if self.files.contains_key(&candidate) {
                best = Some(candidate);
            } else if end > 0 {
                break;
            }
        }
        best
    }

    /// Groups of modules that reach each other (strongly connected, two or more), each sorted.
    pub fn cycles(&self) -> Vec<Vec<String>> {
        let nodes: Vec<&String> = self.files.keys().collect();
        let index: BTreeMap<&String, usize> =
            nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        for (a, b) in &self.edges {
            next[index[a]].push(index[b]);
        }
        let mut tarjan = Tarjan::new(nodes.len());
        for v in 0..nodes.len() {
            if tarjan.index[v].is_none() {
                tarjan.visit(v, &next);
            }
        }
        tarjan
            .components
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut names: Vec<String> = c.into_iter().map(|i| nodes[i].clone()).collect();
                names.sort();
                names
            })
            .collect()
    }

    /// Edges from a module under one of `inside` (module path prefixes) to a module under
    /// none of them: what a pure folder must not have.
    pub fn edges_leaving(&self, inside: &[&str]) -> Vec<(String, String)> {
        let within = |m: &str| {
            inside
                .iter()
                .any(|p| m == *p || m.starts_with(&format!("{p}::")))
        };
        self.edges
            .iter()
            .filter(|(a, b)| within(a) && !within(b))
            .cloned()
            .collect()
    }

    /// A readable account of the cycles: each group, and the edges that tie it.
    pub fn describe_cycles(&self) -> String {
        let mut out = String::new();
        for group in self.cycles() {
            let _ = writeln!(out, "cycle between {}:", group.join(", "));
            for (a, b) in &self.edges {
                if group.contains(a) && group.contains(b) {
                    let _ = writeln!(out, "  {} -> {}", self.label(a), self.label(b));
                }
            }
        }
        out
    }

    fn label(&self, module: &str) -> String {
        let name = if module.is_empty() { "crate" } else { module };
        format!("{name} ({})", self.files[module].display())
    }
}

/// Files under `dir` (recursively) that name a browser crate, as `file: crate`.
pub fn web_uses(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(dir) {
        let text = code_only(&std::fs::read_to_string(&file).unwrap_or_default());
        for word in BROWSER_CRATES {
            if names_crate(&text, word) {
                found.push(format!("{}: {word}", file.display()));
            }
        }
    }
    found
}

/// `text` names the crate `word` as a path (`word::`) or in a `use`.
fn names_crate(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(word).any(|(i, _)| {
        let before_ok = i == 0 || !is_ident_byte(bytes[i - 1]);
        let after = &text[i + word.len()..];
        before_ok
            && (after.starts_with("::") || {
                let head = text[..i].trim_end();
                head.ends_with("use") && after.starts_with([';', ' ', '\n', ':', '{'])
            })
    })
}

/// Every `.rs` file under `dir`, in a stable order.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `import/dto.rs` → `import::dto`; `import/mod.rs` → `import`; `lib.rs` → ``.
fn module_path(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    let top = parts.is_empty();
    if !(stem == "mod" || (top && (stem == "lib" || stem == "main"))) {
        parts.push(stem.to_string());
    }
    parts.join("::")
}

/// `parent::child`, or `child` under the crate root.
fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}::{child}")
    }
}

/// `code` (from [`code_only`]) with every item under `#[cfg(test)]` blanked out (newlines
/// kept), and the names of the modules declared there as files (`#[cfg(test)] mod tests;`).
fn without_test_items(code: &str) -> (String, Vec<String>) {
    const ATTR: &str = "#[cfg(test)]";
    let mut out = code.as_bytes().to_vec();
    let mut modules = Vec::new();
    let b = code.as_bytes();
    let mut from = 0;
    while let Some(found) = code[from..].find(ATTR) {
        let start = from + found;
        let mut i = start + ATTR.len();
        // Further attributes on the same item.
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if b[i..].starts_with(b"#[") {
                i = matching(b, i + 1).map_or(b.len(), |end| end + 1);
            } else {
                break;
            }
        }
        // The item ends at its first `;` outside brackets, or with its first `{ … }`.
        let mut j = i;
        let mut depth = 0i32;
        let end = loop {
            match b.get(j) {
                None => break b.len(),
                Some(b'(' | b'[') => depth += 1,
                Some(b')' | b']') => depth -= 1,
                Some(b';') if depth == 0 => break j + 1,
                Some(b'{') if depth == 0 => break matching(b, j).map_or(b.len(), |e| e + 1),
                _ => {}
            }
            j += 1;
        };
        let item = &code[i..end];
        if let Some(name) = item
            .strip_prefix("pub(crate) ")
            .or_else(|| item.strip_prefix("pub "))
            .unwrap_or(item)
            .strip_prefix("mod ")
            .and_then(|rest| rest.trim().strip_suffix(';'))
        {
            modules.push(name.trim().to_string());
        }
        for c in &mut out[start..end] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
        from = end.max(start + 1);
    }
    (String::from_utf8_lossy(&out).into_owned(), modules)
}

/// The index of the bracket closing the one at `open` (`{`, `[` or `(`), if any.
fn matching(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (k, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'{' | b'[' | b'(' => depth += 1,
            b'}' | b']' | b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_ancestor(ancestor: &str, of: &str) -> bool {
    ancestor.is_empty() || of.starts_with(&format!("{ancestor}::"))
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The source with comments, string and character literals blanked out (newlines kept).
pub fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, s: &[u8]| {
        out.extend(s.iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }))
    };
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            let mut j = 0;
            while j < rest.len() {
                if rest[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j.min(rest.len())]);
            i += j.min(rest.len());
        } else if let Some(len) = raw_string_len(b, i) {
            blank(&mut out, &b[i..i + len]);
            i += len;
        } else if b[i] == b'"' && (i == 0 || !is_ident_byte(b[i - 1]) || b[i - 1] == b'b') {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            blank(&mut out, &b[i..end]);
            i = end;
        } else if b[i] == b'\'' {
            // A character literal ('x', '\n', '\u{1F600}'), not a lifetime ('a).
            let len = char_literal_len(&b[i..]);
            blank(&mut out, &b[i..i + len]);
            i += len;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The length of a raw string (`r"…"`, `r#"…"#`, `br#"…"#`) starting at `i`, if one does.
fn raw_string_len(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && is_ident_byte(b[i - 1]) {
        return None;
    }
    let mut j = i;
    if b.get(j) == Some(&b'b') {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
    j += hashes;
    if b.get(j) != Some(&b'"') {
        return None;
    }
    let close: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    let body = &b[j + 1..];
    let end = body
        .windows(close.len())
        .position(|w| w == close.as_slice())
        .map_or(b.len(), |p| j + 1 + p + close.len());
    Some(end - i)
}

fn char_literal_len(b: &[u8]) -> usize {
    if b.len() >= 3 && b[1] == b'\\' {
        if let Some(p) = b[2..].iter().take(12).position(|&c| c == b'\'') {
            return p + 3;
        }
    }
    if let Some(c) = std::str::from_utf8(&b[1..b.len().min(6)])
        .ok()
        .or_else(|| std::str::from_utf8(&b[1..b.len().min(5)]).ok())
        .or_else(|| std::str::from_utf8(&b[1..b.len().min(4)]).ok())
        .or_else(|| std::str::from_utf8(&b[1..b.len().min(3)]).ok())
        .and_then(|s| s.chars().next())
    {
        let n = c.len_utf8();
        if b.get(1 + n) == Some(&b'\'') {
            return n + 2;
        }
    }
    1
}

/// The absolute module paths (from the crate root) that `text`, the code of `module`, names:
/// every path of its `use` trees, and every `crate::`, `super::`, `self::` or child-module
/// path in its code.
fn referenced_paths(
    text: &str,
    module: &str,
    files: &BTreeMap<String, PathBuf>,
) -> Vec<Vec<String>> {
    let here: Vec<String> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").map(str::to_string).collect()
    };
    let is_child = |name: &str| {
        let mut p = here.clone();
        p.push(name.to_string());
        files.contains_key(&p.join("::"))
    };
    let absolute = |segments: Vec<String>| -> Option<Vec<String>> {
        let mut it = segments.into_iter().peekable();
        let mut base: Vec<String> = match it.peek().map(String::as_str) {
            Some("crate") => {
                it.next();
                Vec::new()
            }
            Some("self") => {
                it.next();
                here.clone()
            }
            Some("super") => {
                let mut b = here.clone();
                while it.peek().map(String::as_str) == Some("super") {
                    it.next();
                    b.pop()?;
                }
                b
            }
            Some(first) if is_child(first) => here.clone(),
            _ => return None,
        };
        base.extend(it.filter(|s| s != "self"));
        Some(base)
    };

    let mut out = Vec::new();
    for tree in use_trees(text) {
        for path in expand_use_tree(&tree) {
            out.extend(absolute(path));
        }
    }
    for path in inline_paths(text) {
        out.extend(absolute(path));
    }
    out
}

/// The text of every `use …;` (after `use`, before `;`).
fn use_trees(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices("use") {
        let before_ok = i == 0 || !is_ident_byte(b[i - 1]);
        let after = b.get(i + 3).copied();
        if !before_ok || !after.is_some_and(|c| c.is_ascii_whitespace()) {
            continue;
        }
        if let Some(end) = text[i..].find(';') {
            out.push(text[i + 3..i + end].to_string());
        }
    }
    out
}

/// `crate::a::{b::C, d}` → `[crate, a, b, C]`, `[crate, a, d]`.
fn expand_use_tree(tree: &str) -> Vec<Vec<String>> {
    fn walk(s: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let s = s.trim();
        if let Some(open) = s.find('{') {
            let head: Vec<String> = segments(&s[..open]);
            let close = s.rfind('}').unwrap_or(s.len());
            let inner = &s[open + 1..close];
            let mut p = prefix.to_vec();
            p.extend(head);
            for part in split_top_level(inner) {
                walk(part, &p, out);
            }
        } else {
            let s = s.split(" as ").next().unwrap_or(s);
            let mut p = prefix.to_vec();
            p.extend(segments(s));
            if !p.is_empty() {
                out.push(p);
            }
        }
    }
    fn segments(s: &str) -> Vec<String> {
        s.split("::")
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "*")
            .map(str::to_string)
            .collect()
    }
    let mut out = Vec::new();
    walk(tree, &[], &mut out);
    out
}

fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// Every `a::b::c` chain of identifiers in the code (the caller keeps those it can resolve).
fn inline_paths(text: &str) -> Vec<Vec<String>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if is_ident_byte(b[i]) && (i == 0 || !(is_ident_byte(b[i - 1]) || b[i - 1] == b':')) {
            let mut segs = Vec::new();
            let mut j = i;
            loop {
                let start = j;
                while j < b.len() && is_ident_byte(b[j]) {
                    j += 1;
                }
                segs.push(text[start..j].to_string());
                if b[j..].starts_with(b"::") && b.get(j + 2).is_some_and(|&c| is_ident_byte(c)) {
                    j += 2;
                } else {
                    break;
                }
            }
            if segs.len() > 1 {
                out.push(segs);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Tarjan's strongly connected components, iteratively (no recursion on the graph's depth).
struct Tarjan {
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next_index: usize,
    components: Vec<Vec<usize>>,
}

impl Tarjan {
    fn new(n: usize) -> Tarjan {
        Tarjan {
            index: vec![None; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            next_index: 0,
            components: Vec::new(),
        }
    }

    fn visit(&mut self, root: usize, next: &[Vec<usize>]) {
        let mut work = vec![(root, 0usize)];
        self.open(root);
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if let Some(&w) = next[v].get(*child) {
                *child += 1;
                match self.index[w] {
                    None => {
                        self.open(w);
                        work.push((w, 0));
                    }
                    Some(wi) if self.on_stack[w] => self.low[v] = self.low[v].min(wi),
                    Some(_) => {}
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    self.low[parent] = self.low[parent].min(self.low[v]);
                }
                if Some(self.low[v]) == self.index[v] {
                    let mut component = Vec::new();
                    while let Some(w) = self.stack.pop() {
                        self.on_stack[w] = false;
                        component.push(w);
                        if w == v {
                            break;
                        }
                    }
                    self.components.push(component);
                }
            }
        }
    }

    fn open(&mut self, v: usize) {
        self.index[v] = Some(self.next_index);
        self.low[v] = self.next_index;
        self.next_index += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> (tempdir::Dir, ModuleGraph) {
        let dir = tempdir::Dir::new();
        for (name, text) in files {
            let path = dir.0.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let graph = ModuleGraph::read(&dir.0);
        (dir, graph)
    }

    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let p = std::env::temp_dir().join(format!(
                    "architecture-check-{}-{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::SeqCst)
                ));
                std::fs::create_dir_all(&p).unwrap();
                Dir(p)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn finds_a_cycle_through_use_trees_and_inline_paths() {
        let (_d, g) = tree(&[
            ("lib.rs", "mod a; mod b; mod c; pub use a::A;"),
            ("a.rs", "use crate::{b::{B, other}, c};\npub struct A;"),
            ("b.rs", "pub struct B; fn f() { crate::c::go(); }"),
            ("c.rs", "fn go() { let _ = super::a::A; }"),
        ]);
        assert_eq!(g.cycles(), vec![vec!["a", "b", "c"]]);
        assert!(g.describe_cycles().contains("b (") && g.describe_cycles().contains("-> c ("));
    }

    #[test]
    fn a_child_naming_its_parent_is_no_cycle_and_comments_and_strings_name_nothing() {
        let (_d, g) = tree(&[
            ("lib.rs", "mod m;"),
            ("m/mod.rs", "mod x; mod y; pub use x::X; pub use y::Y;"),
            ("m/x.rs", "use super::Y; pub struct X; // crate::m::y::Y\n"),
            (
                "m/y.rs",
                "/// see crate::m::x\npub struct Y; const S: &str = \"crate::m::x::X\"; const R: &str = r#\"self::x\"#; fn c() -> char { '\"' }",
            ),
        ]);
        assert!(g.cycles().is_empty(), "{}", g.describe_cycles());
        assert!(g.edges.contains(&("m".into(), "m::x".into())));
        assert!(!g.edges.iter().any(|(a, _)| a == "m::y"), "{:?}", g.edges);
    }

    #[test]
    fn test_code_is_left_out() {
        let (_d, g) = tree(&[
            ("lib.rs", "mod a; mod b; mod c;"),
            // `a` needs `b`; only tests of `b` and `c` need `a`.
            ("a.rs", "use crate::b::B; pub struct A;"),
            (
                "b.rs",
                "pub struct B;\n#[cfg(test)]\n#[allow(unused)]\nmod tests {\n    use crate::a::A;\n    fn f() { let _: [u8; 2] = [0; 2]; }\n}\nfn after() { crate::c::go(); }",
            ),
            (
                "c/mod.rs",
                "#[cfg(test)] use crate::a::{A, self};\npub fn go() {}\n#[cfg(test)]\nmod tests;",
            ),
            ("c/tests.rs", "use crate::a::A; mod deeper;"),
            ("c/tests/deeper.rs", "use crate::a::A;"),
        ]);
        assert!(g.cycles().is_empty(), "{}", g.describe_cycles());
        assert!(!g.files.contains_key("c::tests") && !g.files.contains_key("c::tests::deeper"));
        // Code after a test item still counts.
        assert!(g.edges.contains(&("b".into(), "c".into())), "{:?}", g.edges);
        assert!(g.edges.contains(&("a".into(), "b".into())));
        assert_eq!(g.edges.len(), 2, "{:?}", g.edges);
    }

    #[test]
    fn pure_folders_are_checked_for_browser_crates_and_for_edges_out() {
        let (d, g) = tree(&[
            ("lib.rs", "mod model; mod io;"),
            ("model/mod.rs", "mod deep;"),
            ("model/deep/mod.rs", "mod leaf;"),
            (
                "model/deep/leaf.rs",
                "use web_sys::Element; fn f() { crate::io::get(); }",
            ),
            ("io.rs", "use gloo::timers; pub fn get() {}"),
        ]);
        let uses = web_uses(&d.0.join("model"));
        assert_eq!(uses.len(), 1, "{uses:?}");
        assert!(uses[0].ends_with("leaf.rs: web_sys"));
        assert_eq!(
            g.edges_leaving(&["model"]),
            vec![("model::deep::leaf".to_string(), "io".to_string())]
        );
    }
}
