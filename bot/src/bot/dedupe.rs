//! A bounded memory of recent keys: what was seen lately, forgetting the oldest.

use std::collections::{HashSet, VecDeque};

/// The last `capacity` keys inserted.
#[derive(Clone, Debug)]
pub(super) struct Recent {
    capacity: usize,
    order: VecDeque<String>,
    set: HashSet<String>,
}

impl Recent {
    pub(super) fn new(capacity: usize) -> Self {
        Recent {
            capacity,
            order: VecDeque::new(),
            set: HashSet::new(),
        }
    }

    pub(super) fn contains(&self, key: &str) -> bool {
        self.set.contains(key)
    }

    /// Remembers `key`, forgetting the oldest key when full.
    pub(super) fn insert(&mut self, key: String) {
        if self.set.contains(&key) {
            return;
        }
        if self.order.len() == self.capacity
            && let Some(old) = self.order.pop_front()
        {
            self.set.remove(&old);
        }
        self.set.insert(key.clone());
        self.order.push_back(key);
    }
}
