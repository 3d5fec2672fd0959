//! The page's state and every way it can change: one `Action` enum, one pure
//! reducer. Components only render this state and dispatch actions.
//!
//! Data goes through the core's pipeline, each stage kept so it runs only when
//! its input changes:
//!
//! ```text
//! inputs: each read once by `read_input`, kept as Rc<InputRecords>
//!   → assemble(all inputs)          when an input is added, replaced or removed
//!   → analyse(import, as_of = now)  then, and on a clock tick while a job is open
//!   → Rc<Report>                    what every view renders
//! ```
//!
//! Files may come with their assembly and analysis done ahead, in steps, at the edge
//! ([`Prepared`]): the reducer takes them only if they were made from exactly the
//! inputs it ends up with, and otherwise does them itself.
//!
//! What the views show of the report (which jobs, in what order, the overview's
//! numbers) is derived by pure functions (`query`, `totals`, …), never stored.

use std::collections::BTreeMap;
use std::rc::Rc;

use tapis_profile::time::Timestamp;
use tapis_profile::what_if::WhatIf;
use tapis_profile::{
    analyse, assemble, read_bytes, read_input, Diagnostic, Import, InputFormat, InputRecords,
    Options, Report, Severity,
};

use crate::model::query::{Filter, FilterChange, Marked, Sort};

/// The real OpenSeesMP job behind "Load sample data" (see `www/samples/README.md`).
pub const SAMPLE_NAME: &str = "sample: OpenSeesMP job 4dfa35e1 (DesignSafe, 2025)";
pub const SAMPLE_HISTORY: &str =
    include_str!("../../www/samples/opensees-mp-4dfa35e1.history.json");

/// What pasted text is called: `pasted text`, then `pasted text 2`, …
pub const PASTE_NAME: &str = "pasted text";

/// While some job is still open, its bar grows: re-analyse this often (milliseconds),
/// and less often the more jobs there are (analysis is linear in them).
pub fn tick_interval_ms(jobs: usize) -> u32 {
    const FLOOR_MS: usize = 5_000;
    const PER_JOB_MS: usize = 5;
    const CEILING_MS: usize = 60_000;
    (jobs * PER_JOB_MS).clamp(FLOOR_MS, CEILING_MS) as u32
}

/// An input's identity in the list (stable while it is loaded, even when replaced).
pub type InputId = u32;

/// One loaded input: a file, a paste, a fetched URL, a live Tapis response.
#[derive(Debug, Clone)]
pub struct LoadedInput {
    pub id: InputId,
    /// Unique among the inputs: adding another input of this name replaces this one.
    pub name: String,
    /// Size of its text in bytes (UTF-8).
    pub bytes: usize,
    /// Read once, kept for every later assembly.
    pub records: Rc<InputRecords>,
    /// How long reading it took, when measured where it was read (files).
    pub read_ms: Option<f64>,
}

/// The same input: its records compared by identity (they are read once and never
/// change; comparing hundreds of megabytes of them on every render would not do).
impl PartialEq for LoadedInput {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.name == other.name
            && self.bytes == other.bytes
            && self.read_ms == other.read_ms
            && Rc::ptr_eq(&self.records, &other.records)
    }
}

/// An input read outside the reducer (files are parsed at the edge, between
/// frames, so the page can say which one it is on).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadInput {
    pub name: String,
    pub bytes: usize,
    pub records: Rc<InputRecords>,
    pub read_ms: Option<f64>,
}

impl ReadInput {
    /// Reads `text` (in the caller's thread).
    pub fn from_text(name: String, text: &str) -> ReadInput {
        ReadInput {
            records: Rc::new(read_input(&name, text)),
            bytes: text.len(),
            name,
            read_ms: None,
        }
    }

    /// A file's bytes, decoded as every reader decodes them (`tapis_profile::read_bytes`);
    /// its size is the bytes read, whichever thread parses it.
    pub fn from_bytes(name: String, bytes: &[u8]) -> ReadInput {
        ReadInput {
            records: Rc::new(read_bytes(&name, bytes)),
            bytes: bytes.len(),
            name,
            read_ms: None,
        }
    }
}

/// Inputs assembled and analysed ahead of the reducer (at the edge, a step at a time,
/// so no task holds the page long: docs/performance.md, P6), and what from.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Every input's records, in the order [`AppState::records_after`] gave them.
    pub records: Vec<Rc<InputRecords>>,
    /// What they were analysed with (see [`AppState::options_after`]).
    pub options: Options,
    pub import: Rc<Import>,
    pub report: Rc<Report>,
}

impl Prepared {
    /// Made from these very records (compared by identity) and with stale jobs
    /// counted or not as asked, with these what-if settings; the clock may have
    /// moved on since.
    fn fits(&self, records: &[Rc<InputRecords>], include_stale: bool, what_if: &WhatIf) -> bool {
        self.options.include_stale == include_stale
            && self.options.what_if == *what_if
            && self.records.len() == records.len()
            && self
                .records
                .iter()
                .zip(records)
                .all(|(a, b)| Rc::ptr_eq(a, b))
    }
}

/// Where a file on its way in is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadStage {
    /// Waiting for the files before it.
    Waiting,
    /// The browser is reading its bytes.
    Reading,
    /// The core is parsing it.
    Parsing,
}

/// A file being read; it becomes a [`LoadedInput`] when its batch is added.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub batch: u32,
    pub name: String,
    pub bytes: u64,
    pub stage: ReadStage,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// What is in the paste box.
    pub draft: Rc<str>,
    /// Everything loaded, in the order it was first added.
    pub inputs: Vec<LoadedInput>,
    /// Files being read, in the order dropped.
    pub reading: Vec<Reading>,
    /// Problems of the last import that belong to no listed input (a paste or a
    /// re-sent input that read nothing: what was loaded stays).
    pub notices: Vec<Diagnostic>,
    /// All inputs assembled into jobs.
    pub import: Rc<Import>,
    /// The import analysed at `as_of`.
    pub report: Rc<Report>,
    /// "Now" for the analysis: open states are measured up to it.
    pub as_of: Option<Timestamp>,
    /// Count stale jobs too (measured up to "now"); by default they are left out.
    pub include_stale: bool,
    /// The job whose detail is open (its id in the report).
    pub selected: Option<String>,
    pub sort: Sort,
    pub filter: Filter,
    /// The user's own ticks on the I/O checklist (item id → done), part of exports.
    pub checks: Rc<BTreeMap<String, bool>>,
    /// The user's assumptions behind the estimated savings and the SUs (the archived
    /// share, the charge rates): in the analysis' options, so in the report and its
    /// JSON export, which brings them back. Kept nowhere else.
    pub what_if: WhatIf,
    next_id: InputId,
}

impl Default for AppState {
    fn default() -> Self {
        let import = Import::default();
        AppState {
            draft: Rc::from(""),
            inputs: Vec::new(),
            reading: Vec::new(),
            notices: Vec::new(),
            report: analysed(&import, &Options::default()),
            import: Rc::new(import),
            as_of: None,
            include_stale: false,
            selected: None,
            sort: Sort::default(),
            filter: Filter::default(),
            checks: Rc::default(),
            what_if: WhatIf::default(),
            next_id: 1,
        }
    }
}

pub enum Action {
    /// The paste box changed.
    Edit(String),
    /// Add what is in the paste box, as `pasted text` (numbered after the first).
    AnalyseDraft,
    /// Add the bundled sample job.
    LoadSample,
    /// Add one text under its name (a fetched `data-url`, a live Tapis response).
    Import {
        name: String,
        text: String,
    },
    /// Add many texts at once: one assembly and one analysis for all of them.
    AddInputs(Vec<(String, String)>),
    /// Files of `batch` started on their way in (name, size in bytes).
    Reading {
        batch: u32,
        files: Vec<(String, u64)>,
    },
    /// File `index` of `batch` reached `stage`.
    ReadStage {
        batch: u32,
        index: usize,
        stage: ReadStage,
    },
    /// Inputs read elsewhere; `batch` is done reading. With them, maybe, their
    /// assembly and analysis done ahead (used only if it still fits).
    AddRecords {
        batch: Option<u32>,
        inputs: Vec<ReadInput>,
        prepared: Option<Prepared>,
    },
    /// Fetching or reading `name` failed; say why and keep what is loaded.
    LoadFailed {
        name: String,
        error: String,
    },
    /// Remove these inputs (one file, or every history fetched from Tapis).
    Remove(Vec<InputId>),
    /// Remove every input (the page asks first).
    ClearAll,
    /// What time it is: imports from now on measure open states up to it.
    SetClock(Timestamp),
    /// The clock moved on: re-measure jobs still open.
    Tick(Timestamp),
    /// Count the stale jobs too (measured up to now), or leave them out again.
    IncludeStale(bool),
    /// Open a job's detail, or close it.
    Select(Option<String>),
    /// Show only these jobs (e.g. those a recommendation concerns), under `label`.
    Mark {
        label: String,
        jobs: Vec<String>,
    },
    Sort(Sort),
    Filter(FilterChange),
    /// The user ticked (or unticked) a checklist item.
    Check {
        item: String,
        checked: bool,
    },
    /// The share (0–1) of today's archived files still archived if only final
    /// outputs were (as `--archived-share`).
    ArchivedShare(f64),
    /// A queue's charge rate in SUs per node-hour (as `--charge-rate`); a rate
    /// that is not a number ≥ 0 removes it (the queue is then unpriced).
    ChargeRate {
        system: String,
        queue: String,
        rate: f64,
    },
}

impl AppState {
    pub fn apply(self, action: Action) -> AppState {
        match action {
            Action::Edit(draft) => AppState {
                draft: draft.into(),
                ..self
            },
            Action::AnalyseDraft => {
                let name = self.paste_name();
                let input = ReadInput::from_text(name, &self.draft);
                if input.records.read_something() {
                    self.add(vec![input])
                } else {
                    AppState {
                        notices: input.records.diagnostics.clone(),
                        ..self
                    }
                }
            }
            Action::LoadSample => self.add(vec![ReadInput::from_text(
                SAMPLE_NAME.into(),
                SAMPLE_HISTORY,
            )]),
            Action::Import { name, text } => self.add(vec![ReadInput::from_text(name, &text)]),
            Action::AddInputs(texts) => {
                let inputs = texts
                    .into_iter()
                    .map(|(name, text)| ReadInput::from_text(name, &text))
                    .collect();
                self.add(inputs)
            }
            Action::Reading { batch, files } => {
                let mut reading = self.reading;
                reading.extend(files.into_iter().map(|(name, bytes)| Reading {
                    batch,
                    name,
                    bytes,
                    stage: ReadStage::Waiting,
                }));
                AppState { reading, ..self }
            }
            Action::ReadStage {
                batch,
                index,
                stage,
            } => {
                let mut reading = self.reading;
                if let Some(r) = reading.iter_mut().filter(|r| r.batch == batch).nth(index) {
                    r.stage = stage;
                }
                AppState { reading, ..self }
            }
            Action::AddRecords {
                batch,
                inputs,
                prepared,
            } => {
                let mut this = self;
                if let Some(batch) = batch {
                    this.reading.retain(|r| r.batch != batch);
                }
                this.add_prepared(inputs, prepared)
            }
            Action::LoadFailed { name, error } => self.add(vec![ReadInput {
                records: Rc::new(failed_records(&name, error)),
                bytes: 0,
                name,
                read_ms: None,
            }]),
            Action::Remove(ids) => {
                let mut inputs = self.inputs.clone();
                inputs.retain(|i| !ids.contains(&i.id));
                AppState {
                    notices: Vec::new(),
                    ..self.with_inputs(inputs, None)
                }
            }
            Action::ClearAll => AppState {
                notices: Vec::new(),
                filter: Filter::default(),
                ..self.with_inputs(Vec::new(), None)
            },
            Action::SetClock(now) => AppState {
                as_of: Some(now),
                ..self
            },
            Action::Tick(now) => {
                let as_of = Some(now);
                if self.any_open() {
                    AppState { as_of, ..self }.reanalysed()
                } else {
                    AppState { as_of, ..self }
                }
            }
            Action::IncludeStale(include_stale) if include_stale != self.include_stale => {
                AppState {
                    include_stale,
                    ..self
                }
                .reanalysed()
            }
            Action::IncludeStale(_) => self,
            Action::Select(selected) => AppState { selected, ..self },
            Action::Mark { label, jobs } => {
                // One job picked is opened; of several, the open one stays if picked.
                let selected = match jobs.as_slice() {
                    [one] => Some(one.clone()),
                    _ => self.selected.filter(|s| jobs.contains(s)),
                };
                AppState {
                    filter: Filter::default().with(FilterChange::Mark(Some(Marked {
                        label,
                        jobs: Rc::new(jobs.into_iter().collect()),
                    }))),
                    selected,
                    ..self
                }
            }
            Action::Sort(sort) => AppState { sort, ..self },
            Action::Filter(change) => AppState {
                filter: self.filter.clone().with(change),
                ..self
            },
            Action::ArchivedShare(share) => {
                let what_if = self.what_if.clone().with_archived_share(share);
                self.with_what_if(what_if)
            }
            Action::ChargeRate {
                system,
                queue,
                rate,
            } => {
                let what_if = WhatIf {
                    charge_rates: self
                        .what_if
                        .charge_rates
                        .clone()
                        .with_rate(&system, &queue, rate),
                    ..self.what_if.clone()
                };
                self.with_what_if(what_if)
            }
            Action::Check { item, checked } => {
                let mut checks = (*self.checks).clone();
                checks.insert(item, checked);
                AppState {
                    checks: Rc::new(checks),
                    ..self
                }
            }
        }
    }

    /// Adds inputs, each replacing a loaded input of the same name (a live refresh
    /// re-sends a job under its name) — unless it read nothing and the loaded one
    /// read something: then what is loaded stays and its problems become notices.
    /// However many inputs, the jobs are assembled and analysed once.
    fn add(self, new: Vec<ReadInput>) -> AppState {
        self.add_prepared(new, None)
    }

    /// [`AppState::add`], taking the assembly and analysis from `prepared` if it fits.
    fn add_prepared(self, new: Vec<ReadInput>, prepared: Option<Prepared>) -> AppState {
        let merged = self.merge(new);
        let what_if_changed = merged.what_if != self.what_if;
        let this = AppState {
            notices: merged.notices,
            next_id: merged.next_id,
            checks: merged.checks,
            what_if: merged.what_if,
            ..self
        };
        if merged.changed {
            this.with_inputs(merged.inputs, prepared)
        } else if what_if_changed {
            this.reanalysed()
        } else {
            this
        }
    }

    /// The records of every input once `new` is added (as adding them would
    /// assemble them), for an assembly done ahead ([`Prepared`]).
    pub fn records_after(&self, new: &[ReadInput]) -> Vec<Rc<InputRecords>> {
        let merged = self.merge(new.to_vec());
        merged.inputs.into_iter().map(|i| i.records).collect()
    }

    /// How inputs added at `now` are analysed.
    pub fn options_at(&self, now: Timestamp) -> Options {
        Options {
            as_of: Some(now),
            ..self.options()
        }
    }

    /// How the inputs are analysed at `now` once `new` is added (an export among
    /// them brings its what-if settings), for an analysis done ahead ([`Prepared`]).
    pub fn options_after(&self, new: &[ReadInput], now: Timestamp) -> Options {
        Options {
            what_if: restored_what_if(&self.what_if, new),
            ..self.options_at(now)
        }
    }

    /// The inputs with `new` added (see [`AppState::add`]).
    fn merge(&self, new: Vec<ReadInput>) -> Merged {
        let mut inputs = self.inputs.clone();
        let mut notices = Vec::new();
        let mut next_id = self.next_id;
        let mut changed = false;
        // A JSON export brings back the checklist ticks and the what-if settings
        // it was saved with.
        let mut checks = self.checks.clone();
        let what_if = restored_what_if(&self.what_if, &new);
        for input in new {
            if !input.records.checklist_ticks.is_empty() {
                Rc::make_mut(&mut checks).extend(input.records.checklist_ticks.clone());
            }
            let records = input.records;
            let at = inputs.iter().position(|i| i.name == input.name);
            match at {
                Some(k) if !records.read_something() && inputs[k].records.read_something() => {
                    notices.extend(records.diagnostics.iter().cloned());
                    continue;
                }
                _ => changed = true,
            }
            let loaded = LoadedInput {
                id: at.map_or(next_id, |k| inputs[k].id),
                name: input.name,
                bytes: input.bytes,
                records,
                read_ms: input.read_ms,
            };
            match at {
                Some(k) => inputs[k] = loaded,
                None => {
                    inputs.push(loaded);
                    next_id += 1;
                }
            }
        }
        Merged {
            inputs,
            notices,
            next_id,
            checks,
            what_if,
            changed,
        }
    }

    /// The state with these inputs: assembled, analysed (or taken from `prepared`
    /// when it was made from them), the selection kept if its job is still there
    /// (and the only job selected when there is just one).
    fn with_inputs(self, inputs: Vec<LoadedInput>, prepared: Option<Prepared>) -> AppState {
        let records: Vec<Rc<InputRecords>> = inputs.iter().map(|i| i.records.clone()).collect();
        let (import, report, as_of) =
            match prepared.filter(|p| p.fits(&records, self.include_stale, &self.what_if)) {
                Some(p) => (p.import, p.report, p.options.as_of),
                None => {
                    let import = assemble(&records);
                    let report = analysed(&import, &self.options());
                    (Rc::new(import), report, self.as_of)
                }
            };
        let selected = match &report.jobs[..] {
            [only] if self.selected.is_none() => Some(only.uuid.to_string()),
            _ => self.selected.filter(|id| report.job(id).is_some()),
        };
        AppState {
            inputs,
            import,
            report,
            selected,
            as_of,
            ..self
        }
    }

    /// The first free name for pasted text.
    fn paste_name(&self) -> String {
        let taken = |name: &str| self.inputs.iter().any(|i| i.name == name);
        (1..)
            .map(|n| match n {
                1 => PASTE_NAME.to_string(),
                n => format!("{PASTE_NAME} {n}"),
            })
            .find(|name| !taken(name))
            .unwrap_or_default()
    }

    /// How the import is analysed: up to the clock, stale jobs counted or not.
    pub fn options(&self) -> Options {
        Options {
            as_of: self.as_of,
            include_stale: self.include_stale,
            what_if: self.what_if.clone(),
        }
    }

    /// The same import analysed with other what-if settings (unchanged: as it is).
    fn with_what_if(self, what_if: WhatIf) -> AppState {
        if what_if == self.what_if {
            return self;
        }
        // The report is of these jobs at this time: only what the settings
        // change is done again (at 10,000 jobs the whole analysis is ~1 s).
        if self.report.as_of == self.as_of && self.report.include_stale == self.include_stale {
            let report = Rc::new(tapis_profile::analysis::with_what_if(
                &self.report,
                &what_if,
            ));
            return AppState {
                what_if,
                report,
                ..self
            };
        }
        AppState { what_if, ..self }.reanalysed()
    }

    /// The same import analysed again (the clock moved, or stale jobs are counted now).
    fn reanalysed(self) -> AppState {
        AppState {
            report: analysed(&self.import, &self.options()),
            ..self
        }
    }

    /// Some job is still in a state: its bar grows with the clock.
    pub fn any_open(&self) -> bool {
        self.report.jobs.iter().any(|j| j.open_state.is_some())
    }

    pub fn input(&self, id: InputId) -> Option<&LoadedInput> {
        self.inputs.iter().find(|i| i.id == id)
    }
}

/// The inputs once some are added, and what that changed (see [`AppState::add`]).
struct Merged {
    inputs: Vec<LoadedInput>,
    notices: Vec<Diagnostic>,
    next_id: InputId,
    checks: Rc<BTreeMap<String, bool>>,
    what_if: WhatIf,
    changed: bool,
}

/// The import analysed; the core never reads the clock, so "now" comes from here.
/// The what-if settings once `new` is added: the last export's among them, else `current`.
fn restored_what_if(current: &WhatIf, new: &[ReadInput]) -> WhatIf {
    new.iter()
        .rev()
        .find_map(|i| i.records.what_if.clone())
        .unwrap_or_else(|| current.clone())
}

fn analysed(import: &Import, options: &Options) -> Rc<Report> {
    Rc::new(analyse(import, options))
}

/// What an input that could not even be read (a failed fetch or file read) records.
pub fn failed_records(name: &str, error: String) -> InputRecords {
    InputRecords {
        name: name.to_string(),
        format: InputFormat::Unknown,
        jobs: Vec::new(),
        diagnostics: vec![
            Diagnostic::new(Severity::Error, name, error).action("nothing was loaded from it")
        ],
        checklist_ticks: Default::default(),
        what_if: None,
    }
}

#[cfg(test)]
mod tests;
