//! A shared value compared by identity: a report of ten thousand jobs is
//! compared in one pointer comparison, not field by field on every render.

use std::ops::Deref;
use std::rc::Rc;

/// `Rc<T>` whose equality is `Rc::ptr_eq`. Build a new one when the value changes.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_only_when_the_same_allocation() {
        let a = Shared(Rc::new(vec![1.0]));
        let b = Shared(Rc::new(vec![1.0]));
        assert!(a == a.clone());
        assert!(a != b, "equal contents, different values");
    }
}
