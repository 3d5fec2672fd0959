//! [`Shared`]: a value handed to many components, compared by identity.

use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` whose equality is identity, for props.
///
/// Yew re-renders a component when its props are unequal, and `Rc<T>`'s `==` compares
/// the values: for a report of thousands of jobs that costs more than the render it
/// saves. The state makes a new `Rc` exactly when the value changes, so comparing
/// pointers is both right and free.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
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
    fn equal_only_to_itself() {
        let a = Shared::new(vec![1, 2]);
        let b = Shared::new(vec![1, 2]);
        assert_eq!(a, a.clone());
        assert_ne!(a, b, "same value, another allocation");
        assert_eq!(*a, *b);
    }
}
