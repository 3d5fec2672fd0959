//! Job objects (`GET /jobs/{uuid}`) and list/search items (summary or
//! `select=…` attributes) turned into [`JobInfo`].

use super::dto::ItemDto;
use crate::model::JobInfo;
use crate::state::JobState;
use crate::time::parse_timestamp;

/// Does this object describe a job (as opposed to an event or an envelope)?
pub(crate) fn looks_like_job(item: &ItemDto) -> bool {
    item.uuid.text().is_some()
        || (item.status.text().is_some()
            && (item.app_id.text().is_some()
                || item.condition.text().is_some()
                || item.created.text().is_some()))
}

pub(crate) fn read_job(item: &ItemDto) -> JobInfo {
    let time = |f: &super::dto::LStr| f.text().and_then(parse_timestamp);
    JobInfo {
        name: item.name.owned(),
        owner: item.owner.owned(),
        tenant: item.tenant.owned(),
        app_id: item.app_id.owned(),
        app_version: item.app_version.owned(),
        job_type: item.job_type.owned(),
        status: item.status.text().map(JobState::parse),
        condition: item.condition.owned(),
        last_message: item.last_message.owned(),
        created: time(&item.created),
        last_updated: time(&item.last_updated),
        ended: time(&item.ended),
        remote_submitted: time(&item.remote_submitted),
        remote_started: time(&item.remote_started),
        remote_ended: time(&item.remote_ended),
        exec_system_id: item.exec_system_id.owned(),
        exec_system_logical_queue: item.exec_system_logical_queue.owned(),
        archive_system_id: item.archive_system_id.owned(),
        node_count: item.node_count.u32(),
        cores_per_node: item.cores_per_node.u32(),
        memory_mb: item.memory_mb.u64(),
        max_minutes: item.max_minutes.u32(),
        blocked_count: item.blocked_count.u32(),
        remote_outcome: item.remote_outcome.owned(),
        remote_result_info: item.remote_result_info.owned(),
        interactive: item.notes.interactive,
        input_urls: item.file_inputs.0.clone(),
    }
}

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
        assert_eq!(read_job(&old), read_job(&new));
        assert_eq!(read_job(&new).input_urls, vec!["tapis://a/b".to_string()]);
        assert_eq!(read_job(&new).interactive, Some(true));
        assert_eq!(read_job(&old).node_count, Some(2));
    }
}
