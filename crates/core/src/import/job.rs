//! Job objects (`GET /jobs/{uuid}`) and list/search items (summary or
//! `select=…` attributes) turned into [`JobInfo`].

use super::dto::{kinds, ItemDto, WireKind};
use crate::model::JobInfo;
use crate::texts::Texts;

/// Does this object describe a job (as opposed to an event or an envelope)?
pub(crate) fn looks_like_job(item: &ItemDto) -> bool {
    item.uuid.text().is_some()
        || (item.status.text().is_some()
            && (item.app_id.text().is_some()
                || item.condition.text().is_some()
                || item.created.text().is_some()))
}

/// Declares [`read_job`] from the job's field list (`job_fields.rs`).
macro_rules! read_job {
    ([] $( $(#[$doc:meta])* $field:ident: $ty:ty = $name:literal as $kind:ident, )*) => {
        /// The job object's fields, each read as its kind.
        /// `texts`: the input's texts so far, which its text fields share.
        pub(crate) fn read_job(item: &ItemDto, texts: &mut Texts) -> JobInfo {
            JobInfo {
                $( $field: <kinds::$kind as WireKind<$ty>>::read(&item.$field, texts), )*
            }
        }
    };
}

crate::job_fields::job_info_fields!(read_job! {});

/// The job UUID in an envelope message such as `JOBS_HISTORY_RETRIEVED Job
/// ba34f946-…-007 history retrieved …`: the only place a 2021 history names its job.
pub(crate) fn uuid_in_message(message: &str) -> Option<&str> {
    message.split_whitespace().find(|w| looks_like_uuid(w))
}

/// Tapis job UUIDs are a UUID with a `-007` style suffix.
pub(crate) fn looks_like_uuid(word: &str) -> bool {
    word.len() >= 36
        && word.len() <= 48
        && word.bytes().filter(|&b| b == b'-').count() >= 4
        && word.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_uuid_in_an_envelope_message() {
        assert_eq!(
            uuid_in_message("JOBS_HISTORY_RETRIEVED Job ba34f946-8a18-44c4-9b25-19e21dfadf69-007 history retrieved for user testuser2 tenant dev"),
            Some("ba34f946-8a18-44c4-9b25-19e21dfadf69-007")
        );
        assert_eq!(uuid_in_message("JOBS_LIST_RETRIVED Jobs list"), None);
    }

    #[test]
    fn file_inputs_and_notes_as_strings_or_structures() {
        let old: ItemDto = serde_json::from_str(
            r#"{"uuid":"u","fileInputs":"[{\"sourceUrl\":\"tapis://a/b\"}]","notes":"{\"isInteractive\": true}","nodeCount":"2"}"#,
        )
        .unwrap();
        let new: ItemDto = serde_json::from_str(
            r#"{"uuid":"u","fileInputs":[{"sourceUrl":"tapis://a/b"}],"notes":{"isInteractive":true},"nodeCount":2}"#,
        )
        .unwrap();
        let read = |item| read_job(item, &mut Texts::default());
        assert_eq!(read(&old), read(&new));
        assert_eq!(&*read(&new).input_urls, &["tapis://a/b".into()]);
        assert_eq!(read(&new).interactive, Some(true));
        assert_eq!(read(&old).node_count, Some(2));
    }
}
