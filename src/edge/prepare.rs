//! A batch of files assembled and analysed before it reaches the reducer, a step at a
//! time, so that no task holds the page for long while thousands of jobs come in
//! (docs/performance.md, P6): the assembly and the jobs a few thousand at a time, the
//! statistics across them, each of the transfer model's fits, the rules and checklist,
//! each in a task of its own, and the
//! reducer and first render in the next. The reducer takes the result
//! only if it was made from exactly the inputs it ends up with
//! ([`crate::model::page_reducer::Prepared`]); otherwise it does the work itself.

use std::cell::RefCell;
use std::rc::Rc;

use tapis_profile::analysis::Analysis;
use tapis_profile::Assembling;
use yew::UseReducerHandle;

use super::clock;
use super::marks::mark;
use super::tasks::yield_task;
use crate::model::page_reducer::{AppState, Prepared, ReadInput};

/// Jobs analysed per task, so a step stays well under 100 ms: 4–11 µs each on the page
/// before issue 15's anatomy and savings facts, ~30 µs since (5,000 jobs were one task of
/// ~150 ms in a CPU profile of the page at 10,000 jobs, tools/bench/profile-page.cjs).
const JOBS_PER_TASK: usize = 1_000;

/// Records assembled per task: ~1.3 µs each natively (65 ms for 50,000 jobs, one task
/// of 60–80 ms on the page before it was done in steps).
const RECORDS_PER_TASK: usize = 10_000;

/// The page's state as last rendered, for work done ahead of the reducer.
pub type Latest = Rc<RefCell<Option<UseReducerHandle<AppState>>>>;

/// `inputs` added to the state last rendered, assembled and analysed in steps; `None`
/// before the first render.
pub async fn prepare(latest: &Latest, inputs: &[ReadInput]) -> Option<Prepared> {
    let (records, options) = {
        let state = latest.borrow();
        let state = state.as_ref()?;
        (
            state.records_after(inputs),
            state.options_after(inputs, clock::now()),
        )
    };
    let mut assembling = Assembling::new(&records);
    while !assembling.step(RECORDS_PER_TASK) {
        yield_task().await;
    }
    let import = assembling.finish();
    yield_task().await;
    let mut analysis = Analysis::of(&import, &options);
    // Numbered as `--example stages --steps` numbers them natively.
    for step in 0.. {
        mark(|| format!("analysis step {step}: {:?}", analysis.phase()));
        if analysis.step(JOBS_PER_TASK) {
            break;
        }
        yield_task().await;
    }
    yield_task().await;
    let report = analysis.finish();
    yield_task().await;
    Some(Prepared {
        records,
        options,
        import: Rc::new(import),
        report: Rc::new(report),
    })
}
