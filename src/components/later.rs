use std::cell::RefCell;
use std::collections::VecDeque;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::edge::marks::mark;
use crate::shared::Shared;

#[derive(Properties, PartialEq)]
pub struct LaterProps {
    /// What is coming, for the placeholder ("Recommendations").
    pub what: AttrValue,
    pub children: Html,
}

/// Shows its children in a task of its own after it first appears, a placeholder until
/// then; the page's `Later`s take turns.
///
/// The views below the timeline are wrapped in it, each on its own, so the first render
/// of thousands of jobs is several tasks instead of one that holds the main thread for
/// the whole page (docs/performance.md, P6): the overview and the timeline paint first,
/// then each view. They take turns because yew renders every update it has pending
/// before it lets the browser in: five views revealed by five timers at once were one
/// task of 890 ms at 10,000 jobs. Once shown, its children update as any others.
#[function_component(Later)]
pub fn later(props: &LaterProps) -> Html {
    let shown = use_state(|| false);
    let turn = use_mut_ref(|| None::<usize>);
    // The app's queue (one per mounted app: invariant 20); alone, a queue of its own.
    let own = use_state(LaterTurns::default);
    let turns = use_context::<LaterTurns>().unwrap_or_else(|| (*own).clone());
    {
        let (shown, turn, turns) = (shown.clone(), turn.clone(), turns.clone());
        let what = props.what.clone();
        use_effect_with((), move |_| {
            let id = turns.join(Callback::from(move |()| {
                mark(|| format!("Later: {what}"));
                shown.set(true);
            }));
            *turn.borrow_mut() = Some(id);
            turns.next_soon();
            // Unmounted first: its turn passes on.
            move || {
                turns.0.borrow_mut().leave(id);
                turns.next_soon();
            }
        });
    }
    {
        let turn = turn.clone();
        // Runs once its children have rendered (yew runs children's effects first).
        use_effect_with(*shown, move |shown| {
            if let (true, Some(id)) = (*shown, *turn.borrow()) {
                turns.0.borrow_mut().done(id);
                turns.next_soon();
            }
        });
    }
    if *shown {
        props.children.clone()
    } else {
        html! { <p class="later" aria-busy="true">{ format!("{}…", props.what) }</p> }
    }
}

/// The `Later`s of one app taking turns: the app provides it as a context.
#[derive(Clone, Default, PartialEq)]
pub struct LaterTurns(Shared<RefCell<Turns>>);

impl LaterTurns {
    fn join(&self, show: Callback<()>) -> usize {
        self.0.borrow_mut().join(show)
    }

    /// Gives the next waiting `Later` its turn, in a task of its own (after whatever the
    /// browser has queued: input, paint, the rest of yew's work).
    fn next_soon(&self) {
        let turns = self.clone();
        Timeout::new(0, move || {
            let show = turns.0.borrow_mut().next();
            if let Some(show) = show {
                show.emit(());
            }
        })
        .forget();
    }
}

/// Who waits to show, in the order they appeared, and who is showing: one at a time.
/// One that appears while another is showing (a part of that view, in a `Later` of its
/// own) goes before those that were waiting, so a view's parts follow it, not every
/// other view.
#[derive(Default)]
struct Turns {
    waiting: VecDeque<(usize, Callback<()>)>,
    showing: Option<usize>,
    joined: usize,
    /// How many of the waiting joined while the one showing was showing (at the front).
    nested: usize,
}

impl Turns {
    /// Joins the queue; `show` is called on its turn. Returns its id.
    fn join(&mut self, show: Callback<()>) -> usize {
        self.joined += 1;
        match self.showing {
            Some(_) => {
                self.waiting.insert(self.nested, (self.joined, show));
                self.nested += 1;
            }
            None => self.waiting.push_back((self.joined, show)),
        }
        self.joined
    }

    /// The next one to show, unless one is showing.
    fn next(&mut self) -> Option<Callback<()>> {
        if self.showing.is_some() {
            return None;
        }
        let (id, show) = self.waiting.pop_front()?;
        self.showing = Some(id);
        self.nested = 0;
        Some(show)
    }

    /// It has shown: the next may.
    fn done(&mut self, id: usize) {
        if self.showing == Some(id) {
            self.showing = None;
        }
    }

    /// Gone before or while showing.
    fn leave(&mut self, id: usize) {
        if let Some(at) = self.waiting.iter().position(|(w, _)| *w == id) {
            self.waiting.remove(at);
            if at < self.nested {
                self.nested -= 1;
            }
        }
        self.done(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn recorder(log: &Rc<RefCell<Vec<usize>>>, n: usize) -> Callback<()> {
        let log = log.clone();
        Callback::from(move |()| log.borrow_mut().push(n))
    }

    #[test]
    fn one_shows_at_a_time_in_the_order_they_came() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut t = Turns::default();
        let ids: Vec<usize> = (0..3).map(|n| t.join(recorder(&log, n))).collect();
        t.next().unwrap().emit(());
        assert!(t.next().is_none(), "the first is still showing");
        t.done(ids[0]);
        t.next().unwrap().emit(());
        t.done(ids[1]);
        t.done(ids[1]);
        t.next().unwrap().emit(());
        t.done(ids[2]);
        assert!(t.next().is_none());
        assert_eq!(*log.borrow(), [0, 1, 2]);
    }

    #[test]
    fn the_parts_of_one_showing_go_next_in_their_order() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut t = Turns::default();
        let ids: Vec<usize> = (0..3).map(|n| t.join(recorder(&log, n))).collect();
        t.next().unwrap().emit(());
        // 0 shows and has two parts of its own; one of them is gone before its turn.
        let parts: Vec<usize> = (10..13).map(|n| t.join(recorder(&log, n))).collect();
        t.leave(parts[1]);
        t.done(ids[0]);
        t.next().unwrap().emit(());
        // 10 shows and has a part: before 12, which was waiting already.
        let part = t.join(recorder(&log, 20));
        t.done(parts[0]);
        for id in [part, parts[2], ids[1], ids[2]] {
            t.next().unwrap().emit(());
            t.done(id);
        }
        assert!(t.next().is_none());
        assert_eq!(*log.borrow(), [0, 10, 20, 12, 1, 2]);
    }

    #[test]
    fn one_gone_while_waiting_or_showing_passes_its_turn_on() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut t = Turns::default();
        let ids: Vec<usize> = (0..3).map(|n| t.join(recorder(&log, n))).collect();
        t.leave(ids[1]);
        t.next().unwrap().emit(());
        t.leave(ids[0]);
        t.next().unwrap().emit(());
        assert_eq!(*log.borrow(), [0, 2]);
        // A stale done (of one gone) does not end another's turn.
        t.done(ids[0]);
        let late = t.join(recorder(&log, 3));
        assert!(t.next().is_none(), "2 is still showing");
        t.done(ids[2]);
        t.next().unwrap().emit(());
        t.done(late);
        assert_eq!(*log.borrow(), [0, 2, 3]);
    }
}
