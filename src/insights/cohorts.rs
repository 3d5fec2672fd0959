//! The cohort comparison view's model: which attributes and values the menus
//! offer, which two cohorts are picked, and the core's comparison of them with
//! each row's two spreads on one log axis. The numbers are the core's
//! (`tapis_profile::cohort::compare`), the same the CLI's `compare` prints.

use tapis_profile::cohort::{
    compare_picked, metric_values, Comparison, Condition, Facet, Members, Selector,
};
use tapis_profile::report::{JobReport, Report};
use tapis_profile::sort::sort_by_key;

use super::normal::{Metric, Spread};
use super::scale::LogScale;

/// The facets the menus offer, in this order: every one the CLI's selectors take.
pub const FACETS: [Facet; 12] = [
    Facet::Version,
    Facet::AppVersion,
    Facet::App,
    Facet::SystemQueue,
    Facet::System,
    Facet::Queue,
    Facet::Status,
    Facet::Nodes,
    Facet::InputFiles,
    Facet::Week,
    Facet::Month,
    Facet::Owner,
];

/// The value of B's menu that means "every other job".
pub const REST: &str = "rest";

/// What the cohorts are picked by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickBy {
    /// One value of an attribute each (B: another, or the rest).
    Facet(Facet),
    /// The jobs the page's filters show against the rest.
    Shown,
}

impl PickBy {
    /// The value of its `<option>`.
    pub fn value(&self) -> &'static str {
        match self {
            PickBy::Facet(f) => f.key(),
            PickBy::Shown => "shown",
        }
    }

    pub fn from_value(value: &str) -> Option<PickBy> {
        match value {
            "shown" => Some(PickBy::Shown),
            key => Facet::from_key(key).map(PickBy::Facet),
        }
    }
}

/// The user's choice: by what, and A's and B's values (B may be [`REST`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub by: PickBy,
    pub a: String,
    pub b: String,
}

/// One attribute's menu: its values among the counted jobs, in their order, with
/// how many jobs have each.
#[derive(Debug, Clone, PartialEq)]
pub struct Menu {
    pub facet: Facet,
    pub values: Vec<(String, usize)>,
}

/// The menus of the attributes with two values or more among the counted jobs.
pub fn menus(report: &Report) -> Vec<Menu> {
    let mut counting = MenusCounting::new(report);
    while !counting.step() {}
    counting.menus
}

/// [`menus`] a few attributes at a time (each a [`MenusCounting::step`]), so the page
/// can count them over several tasks: all twelve at once were ~90 ms of one task at
/// 50,000 jobs (docs/performance.md, P6).
pub struct MenusCounting<'a> {
    jobs: Vec<&'a JobReport>,
    facets: std::array::IntoIter<Facet, 12>,
    pub menus: Vec<Menu>,
}

/// Attributes counted a [`MenusCounting::step`].
const FACETS_A_STEP: usize = 4;

impl<'a> MenusCounting<'a> {
    pub fn new(report: &'a Report) -> MenusCounting<'a> {
        MenusCounting {
            jobs: report.counted().collect(),
            facets: FACETS.into_iter(),
            menus: Vec::new(),
        }
    }

    /// Counts the next few attributes; `true` once all are counted.
    pub fn step(&mut self) -> bool {
        for facet in self.facets.by_ref().take(FACETS_A_STEP) {
            let mut values: Vec<(String, usize)> =
                facet.count(self.jobs.iter().copied()).into_iter().collect();
            sort_by_key(&mut values, |(v, _)| facet.sort_key(v));
            if values.len() >= 2 {
                self.menus.push(Menu { facet, values });
            }
        }
        self.facets.len() == 0
    }
}

/// A choice that fits the menus: `wanted` when it still does, else the first
/// attribute's two most common values (by the jobs the filters show when asked
/// and there are such jobs). `None` when no attribute has two values.
pub fn settle(menus: &[Menu], wanted: Option<&Choice>, shown: Option<usize>) -> Option<Choice> {
    if let Some(w) = wanted {
        let fits = match &w.by {
            PickBy::Shown => shown.is_some(),
            PickBy::Facet(f) => menus.iter().any(|m| {
                m.facet == *f
                    && m.values.iter().any(|(v, _)| *v == w.a)
                    && (w.b == REST || (w.b != w.a && m.values.iter().any(|(v, _)| *v == w.b)))
            }),
        };
        if fits {
            return Some(w.clone());
        }
    }
    let first = menus.first()?;
    let mut common: Vec<&(String, usize)> = first.values.iter().collect();
    sort_by_key(&mut common, |v| std::cmp::Reverse(v.1));
    let (a, b) = (common[0].0.clone(), common[1].0.clone());
    // In the menus' order, so that 1.2 is A and 1.3 is B.
    let (a, b) = if first.facet.sort_key(&a) <= first.facet.sort_key(&b) {
        (a, b)
    } else {
        (b, a)
    };
    Some(Choice {
        by: PickBy::Facet(first.facet),
        a,
        b,
    })
}

/// The two selectors of a choice; `shown` is the UUIDs the filters show.
pub fn selectors(choice: &Choice, shown: &[String]) -> (Selector, Selector) {
    match &choice.by {
        PickBy::Shown => (
            Selector::Where(vec![Condition::Jobs(shown.iter().cloned().collect())]),
            Selector::Rest,
        ),
        PickBy::Facet(f) => (
            Selector::of_value(*f, &choice.a),
            match choice.b.as_str() {
                REST => Selector::Rest,
                b => Selector::of_value(*f, b),
            },
        ),
    }
}

/// What the view shows: the core's comparison, and who is in each cohort.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortModel {
    pub comparison: Comparison,
    /// A's and B's members, indices into the report's jobs.
    pub members: Members,
}

impl CohortModel {
    /// The comparison of the choice's cohorts, or why there is none.
    pub fn new(report: &Report, choice: &Choice, shown: &[String]) -> Result<CohortModel, String> {
        let (a, b) = selectors(choice, shown);
        let (comparison, members) = compare_picked(report, &a, &b)?;
        Ok(CohortModel {
            comparison,
            members,
        })
    }
}

/// The plot's numbers, worked out after the table's (the two together were ~200 ms of
/// one task at 50,000 jobs, docs/performance.md, P6).
#[derive(Debug, Clone, PartialEq)]
pub struct CohortSpreads {
    /// Each row's spread in A and B (`None` where no job of it had a value),
    /// aligned with the comparison's rows.
    pub spreads: Vec<(Option<Spread>, Option<Spread>)>,
    /// Shared by every row, so rows compare.
    pub scale: LogScale,
}

impl CohortSpreads {
    pub fn of(report: &Report, model: &CohortModel) -> CohortSpreads {
        // Every row's values in one pass over each cohort, as the comparison gathers them
        // (a pass per row and cohort, ~40 over 50,000 jobs, was most of a ~60 ms task on
        // the page: docs/performance.md, P6).
        let metrics: Vec<Metric> = model
            .comparison
            .rows
            .iter()
            .map(|r| r.metric.clone())
            .collect();
        let values = |members: &[usize]| metric_values(&report.jobs, members, &metrics);
        let (a, b) = (values(&model.members.0), values(&model.members.1));
        let spreads: Vec<(Option<Spread>, Option<Spread>)> = a
            .into_iter()
            .zip(b)
            .map(|(a, b)| (Spread::of(a), Spread::of(b)))
            .collect();
        let scale = LogScale::covering(
            spreads
                .iter()
                .flat_map(|(a, b)| [a, b])
                .flatten()
                .flat_map(|s| [s.min, s.max]),
        );
        CohortSpreads { spreads, scale }
    }
}

/// How a cohort is named on screen: `version 1.2`, `the rest`, `the 12 jobs shown`.
pub fn cohort_label(choice: &Choice, side_a: bool, shown: usize) -> String {
    match (&choice.by, side_a) {
        (PickBy::Shown, true) => crate::model::words::these(shown, "job") + " the filters show",
        (_, false) if choice.b == REST => "the rest".to_string(),
        (PickBy::Facet(f), _) => {
            let v = if side_a { &choice.a } else { &choice.b };
            format!("{} {v}", f.label().to_lowercase())
        }
        (PickBy::Shown, false) => "the rest".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::analysis::{analyse_jobs, Options};
    use tapis_profile::cohort::compare;
    use tapis_profile::synthetic::{generate, Config, Sweep};

    fn sweep() -> Report {
        let config = Config {
            jobs: 120,
            seed: 5,
            sweep: Some(Sweep::default()),
            ..Config::default()
        };
        analyse_jobs(&generate(&config), &Options::default())
    }

    #[test]
    fn the_menus_offer_every_facet_the_cli_takes() {
        let mut page: Vec<&str> = FACETS.iter().map(|f| f.key()).collect();
        let mut cli: Vec<&str> = Facet::ALL.iter().map(|f| f.key()).collect();
        page.sort_unstable();
        cli.sort_unstable();
        assert_eq!(page, cli);
    }

    #[test]
    fn menus_counted_a_few_attributes_a_step_are_each_attributes_values() {
        let r = sweep();
        let mut counting = MenusCounting::new(&r);
        let mut steps = 1;
        while !counting.step() {
            steps += 1;
        }
        assert_eq!(steps, FACETS.len().div_ceil(FACETS_A_STEP));
        assert!(counting.step(), "done stays done");
        // Each attribute on its own, in the menus' order, those of two values or more.
        let each: Vec<Menu> = FACETS
            .into_iter()
            .filter_map(|facet| {
                let mut values: Vec<(String, usize)> =
                    facet.count(r.counted()).into_iter().collect();
                sort_by_key(&mut values, |(v, _)| facet.sort_key(v));
                (values.len() >= 2).then_some(Menu { facet, values })
            })
            .collect();
        assert!(each.len() >= 2);
        assert_eq!(counting.menus, each);
        assert_eq!(menus(&r), each);
    }

    #[test]
    fn the_first_choice_is_the_versions_in_order() {
        let r = sweep();
        let m = menus(&r);
        assert_eq!(m[0].facet, Facet::Version);
        assert_eq!(
            m[0].values,
            [("1.2".to_string(), 60), ("1.3".to_string(), 60)]
        );
        assert!(
            m.iter().all(|m| m.facet != Facet::SystemQueue),
            "one queue: nothing to pick"
        );
        let c = settle(&m, None, None).unwrap();
        assert_eq!((c.a.as_str(), c.b.as_str()), ("1.2", "1.3"));
        // A choice that no longer fits falls back; one that fits stays.
        let gone = Choice {
            by: PickBy::Facet(Facet::Version),
            a: "9".into(),
            b: REST.into(),
        };
        assert_eq!(settle(&m, Some(&gone), None), Some(c.clone()));
        let rest = Choice {
            b: REST.into(),
            ..c.clone()
        };
        assert_eq!(settle(&m, Some(&rest), None), Some(rest.clone()));
        let shown = Choice {
            by: PickBy::Shown,
            a: String::new(),
            b: REST.into(),
        };
        assert_eq!(settle(&m, Some(&shown), None), Some(c));
        assert_eq!(settle(&m, Some(&shown), Some(3)), Some(shown));
    }

    #[test]
    fn the_model_is_the_cores_comparison_with_spreads_on_one_scale() {
        let r = sweep();
        let m = menus(&r);
        let choice = settle(&m, None, None).unwrap();
        let model = CohortModel::new(&r, &choice, &[]).unwrap();
        let (a, b) = selectors(&choice, &[]);
        assert_eq!(model.comparison, compare(&r, &a, &b).unwrap());
        let plot = CohortSpreads::of(&r, &model);
        assert_eq!(plot.spreads.len(), model.comparison.rows.len());
        // Each row's spreads are those of its metric's values over each cohort's members.
        let spread = |members: &[usize], metric: &Metric| {
            Spread::of(
                members
                    .iter()
                    .filter_map(|&i| metric.of(&r.jobs[i]))
                    .collect(),
            )
        };
        for (row, spreads) in model.comparison.rows.iter().zip(&plot.spreads) {
            let (a, b) = (&model.members.0, &model.members.1);
            let want = (spread(a, &row.metric), spread(b, &row.metric));
            assert_eq!(*spreads, want, "{:?}", row.metric);
        }
        for (row, (sa, sb)) in model.comparison.rows.iter().zip(&plot.spreads) {
            let (sa, sb) = (sa.unwrap(), sb.unwrap());
            assert_eq!(
                sa.median,
                row.a.as_ref().unwrap().median,
                "{:?}",
                row.metric
            );
            assert_eq!(sb.p90, row.b.as_ref().unwrap().p90);
            for s in [sa, sb] {
                assert!(s.max <= plot.scale.hi && (s.min >= plot.scale.lo || s.min <= 0.0));
            }
        }
        assert_eq!(cohort_label(&choice, true, 0), "app version 1.2");
    }

    #[test]
    fn the_jobs_shown_are_compared_with_the_rest() {
        let r = sweep();
        let shown: Vec<String> = r.jobs.iter().take(10).map(|j| j.uuid.to_string()).collect();
        let choice = Choice {
            by: PickBy::Shown,
            a: String::new(),
            b: REST.into(),
        };
        let model = CohortModel::new(&r, &choice, &shown).unwrap();
        assert_eq!(
            (model.comparison.a.jobs, model.comparison.b.jobs),
            (10, 110)
        );
        assert_eq!(
            cohort_label(&choice, true, 10),
            "these 10 jobs the filters show"
        );
        let none = CohortModel::new(&r, &choice, &[]).unwrap_err();
        assert!(none.contains("holds no job"), "{none}");
    }
}
