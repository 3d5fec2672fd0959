//! A job's figure per state (seconds, visits) in lifecycle order, sized to the
//! states there are rather than to the states a job had: one slot per known state
//! and a list for unknown ones. Kept for every job in the report, where a list of
//! (state, value) pairs cost twice as much (P5 in docs/performance.md).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::job_state::JobState;

/// A slot per known state (the submission gap and Tapis' own), by [`JobState::order`].
const SLOTS: usize = JobState::PLACES;
// A bit of `StateMap::present` per slot.
const _: () = assert!(SLOTS <= u16::BITS as usize);

/// A value per state, listed in lifecycle order (as `JobState::order` sorts, unknown
/// states last in the order they came) and written as a JSON object in that order.
#[derive(Clone, PartialEq)]
pub struct StateMap<V> {
    /// Bit `i` set: the `i`th of [`JobState::lifecycle`] has a value in `values[i]`.
    present: u16,
    values: [V; SLOTS],
    /// Unknown states, in the order they came.
    unknown: Vec<(JobState, V)>,
}

impl<V: Copy + Default> Default for StateMap<V> {
    fn default() -> Self {
        StateMap {
            present: 0,
            values: [V::default(); SLOTS],
            unknown: Vec::new(),
        }
    }
}

/// The known state's slot; `None` for an unknown state.
fn slot(state: &JobState) -> Option<usize> {
    let i = state.order();
    (i < SLOTS).then_some(i)
}

impl<V: Copy + Default> StateMap<V> {
    /// Sets `state`'s value (replacing one it had).
    pub fn insert(&mut self, state: JobState, value: V) {
        match slot(&state) {
            Some(i) => {
                self.present |= 1 << i;
                self.values[i] = value;
            }
            None => match self.unknown.iter_mut().find(|(s, _)| *s == state) {
                Some(entry) => entry.1 = value,
                None => self.unknown.push((state, value)),
            },
        }
    }
}

impl<V> StateMap<V> {
    pub fn get(&self, state: &JobState) -> Option<&V> {
        match slot(state) {
            Some(i) => (self.present & (1 << i) != 0).then(|| &self.values[i]),
            None => self
                .unknown
                .iter()
                .find(|(s, _)| s == state)
                .map(|(_, v)| v),
        }
    }

    /// The states with a value and their values, in lifecycle order.
    pub fn iter(&self) -> impl Iterator<Item = (&JobState, &V)> {
        JobState::lifecycle()
            .zip(&self.values)
            .enumerate()
            .filter(|(i, _)| self.present & (1 << i) != 0)
            .map(|(_, entry)| entry)
            .chain(self.unknown.iter().map(|(s, v)| (s, v)))
    }

    pub fn len(&self) -> usize {
        self.present.count_ones() as usize + self.unknown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every state any of `maps` has a value for, each once, in lifecycle order (unknown
/// states last, by name, as [`JobState::sort_in_lifecycle_order`] puts them): the known
/// ones read from the maps' slots at once, not searched for among those found so far.
pub fn states_of<'a, V: 'a>(maps: impl IntoIterator<Item = &'a StateMap<V>>) -> Vec<JobState> {
    let mut present = 0u16;
    let mut unknown: Vec<JobState> = Vec::new();
    for map in maps {
        present |= map.present;
        for (s, _) in &map.unknown {
            if !unknown.contains(s) {
                unknown.push(s.clone());
            }
        }
    }
    JobState::sort_in_lifecycle_order(&mut unknown);
    let known = JobState::lifecycle()
        .enumerate()
        .filter(|(i, _)| present & (1 << i) != 0)
        .map(|(_, s)| s.clone());
    known.chain(unknown).collect()
}

impl<V: Copy + Default> FromIterator<(JobState, V)> for StateMap<V> {
    fn from_iter<I: IntoIterator<Item = (JobState, V)>>(entries: I) -> Self {
        let mut map = StateMap::default();
        for (state, value) in entries {
            map.insert(state, value);
        }
        map
    }
}

impl<V: fmt::Debug> fmt::Debug for StateMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for StateMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de> + Copy + Default> Deserialize<'de> for StateMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de> + Copy + Default> Visitor<'de> for Entries<V> {
            type Value = StateMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of states")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = StateMap::default();
                while let Some((state, value)) = map.next_entry()? {
                    out.insert(state, value);
                }
                Ok(out)
            }
        }
        d.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_slot_is_the_state_of_its_order() {
        assert_eq!(JobState::lifecycle().count(), SLOTS);
        for (i, state) in JobState::lifecycle().enumerate() {
            assert_eq!(state.order(), i, "{state}");
            assert_eq!(slot(state), Some(i));
        }
        assert_eq!(slot(&JobState::Unknown("ARCHIVED".into())), None);
    }

    #[test]
    fn lists_states_in_lifecycle_order_unknown_ones_last_as_they_came() {
        let odd = |s: &str| JobState::Unknown(s.into());
        let map: StateMap<f64> = [
            (JobState::Finished, 1.0),
            (odd("ZED"), 2.0),
            (JobState::Pending, 3.0),
            (odd("ARCHIVED"), 4.0),
            (JobState::Submission, 5.0),
        ]
        .into_iter()
        .collect();
        let listed: Vec<(JobState, f64)> = map.iter().map(|(s, v)| (s.clone(), *v)).collect();
        assert_eq!(
            listed,
            [
                (JobState::Submission, 5.0),
                (JobState::Pending, 3.0),
                (JobState::Finished, 1.0),
                (odd("ZED"), 2.0),
                (odd("ARCHIVED"), 4.0),
            ]
        );
        assert_eq!(map.len(), 5);
        assert_eq!(map.get(&JobState::Pending), Some(&3.0));
        assert_eq!(map.get(&odd("ARCHIVED")), Some(&4.0));
        assert_eq!(map.get(&JobState::Running), None);
        assert_eq!(map.get(&odd("NOPE")), None);
        assert!(StateMap::<u32>::default().is_empty());
    }

    #[test]
    fn the_states_of_several_maps_are_each_listed_once_in_lifecycle_order() {
        let odd = |s: &str| JobState::Unknown(s.into());
        let maps: [StateMap<u32>; 3] = [
            [(JobState::Running, 1), (odd("ZED"), 1)]
                .into_iter()
                .collect(),
            [
                (JobState::Pending, 1),
                (odd("ARCHIVED"), 1),
                (JobState::Running, 2),
            ]
            .into_iter()
            .collect(),
            StateMap::default(),
        ];
        let mut expected: Vec<JobState> = maps
            .iter()
            .flat_map(|m| m.iter().map(|(s, _)| s.clone()))
            .collect();
        JobState::sort_in_lifecycle_order(&mut expected);
        expected.dedup();
        assert_eq!(states_of(&maps), expected);
        assert_eq!(
            states_of(&maps),
            [
                JobState::Pending,
                JobState::Running,
                odd("ARCHIVED"),
                odd("ZED")
            ]
        );
        assert!(states_of(&maps[2..]).is_empty());
    }

    #[test]
    fn is_written_and_read_as_an_object_in_lifecycle_order() {
        let map: StateMap<u32> = [
            (JobState::Running, 2),
            (JobState::Unknown("ODD".into()), 1),
            (JobState::Queued, 3),
        ]
        .into_iter()
        .collect();
        let text = serde_json::to_string(&map).unwrap();
        assert_eq!(text, r#"{"QUEUED":3,"RUNNING":2,"ODD":1}"#);
        let back: StateMap<u32> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, map);
        assert_eq!(
            format!("{map:?}"),
            r#"{Queued: 3, Running: 2, Unknown("ODD"): 1}"#
        );
    }
}
