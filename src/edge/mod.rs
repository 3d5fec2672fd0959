//! The page's I/O, at the edge: the only code here that reads the clock, the network, the
//! user's files or saves one. Each hands plain data to the pure model (`crate::model`)
//! through an action, so everything it decides is tested natively there; this code is
//! reached by the browser tests and the end-to-end tests.
//!
//! `clock` (now, for the page and the live panel), `color_scheme` (the system's light or
//! dark preference), `fetch` (the `data-url` option),
//! `files` (files dropped or picked, read one by one), `marks` (the page's work named on
//! the browser's performance timeline, for a build that measures it), `parse_worker` (large files parsed
//! in a Web Worker), `prepare` (their jobs assembled and analysed in steps), `download` (the only code that saves a file), `tasks` (a view's work
//! a part a task), `view` (the only code that scrolls the page: what a click changed,
//! brought into view).

pub mod clock;
pub mod color_scheme;
pub mod download;
pub mod fetch;
pub mod files;
pub mod marks;
pub mod parse_worker;
pub mod prepare;
pub mod tasks;
pub mod view;
