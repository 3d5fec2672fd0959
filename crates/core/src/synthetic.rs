//! (generator: written below)
