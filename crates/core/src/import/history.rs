//! History events: `JobHistoryDisplayDTO` items (2021 `jobStatus` schema and
//! today's `eventDetail`), their `description` (JSON string or plain text),
//! `transferSummary`, and status notifications, turned into [`Event`]s.

use std::borrow::Cow;
use std::sync::Arc;

use super::dto::{DescriptionDto, ItemDto, LStr, NotificationDto, TransferDto};
use crate::job_state::JobState;
use crate::model::{Event, EventKind, SharedText, Transfer};
use crate::time::parse_timestamp;

/// An event plus what it says about its job.
pub(crate) struct ReadEvent<'i> {
    pub event: Event,
    pub uuid: Option<Cow<'i, str>>,
    pub job_name: Option<String>,
    /// A terminal status event's `condition` (since 2024).
    pub condition: Option<String>,
}

impl ReadEvent<'_> {
    /// The same, borrowing nothing (kept while the rest of its bundle entry is read).
    pub fn detached(self) -> ReadEvent<'static> {
        ReadEvent {
            event: self.event,
            uuid: self.uuid.map(|u| Cow::Owned(u.into_owned())),
            job_name: self.job_name,
            condition: self.condition,
        }
    }

    /// The same, naming the job `uuid` (`import::entry`'s `Slot::SameJob`).
    pub fn naming(self, uuid: Option<&str>) -> ReadEvent<'_> {
        ReadEvent {
            event: self.event,
            uuid: uuid.map(Cow::Borrowed),
            job_name: self.job_name,
            condition: self.condition,
        }
    }
}

/// The fields of a history item that make its event, wherever they were read
/// (an [`ItemDto`], or a bundle's event read on its own: `import::entry`).
pub(crate) struct EventFields<'i, 'a> {
    pub created: &'i LStr<'a>,
    pub event_detail: &'i LStr<'a>,
    pub job_status: &'i LStr<'a>,
    pub description: &'i LStr<'a>,
    pub message: &'i LStr<'a>,
    pub transfer_summary: Option<&'i TransferDto<'a>>,
}

impl<'i, 'a> EventFields<'i, 'a> {
    pub fn of(item: &'i ItemDto<'a>) -> EventFields<'i, 'a> {
        EventFields {
            created: &item.created,
            event_detail: &item.event_detail,
            job_status: &item.job_status,
            description: &item.description,
            message: &item.message,
            transfer_summary: item.transfer_summary.0.as_deref(),
        }
    }
}

/// A history item; `Err` says why it cannot be used.
///
/// Status events keep no message: Tapis' only restates the transition ("The
/// job has transitioned to a new status: …"). Their `description` is read in
/// full only where it can say more than the job's UUID — the first status
/// (the job's name) and terminal ones (the condition); otherwise the UUID is
/// picked out of it without parsing, which halves the cost of a history.
pub(crate) fn read_event<'i>(
    item: EventFields<'i, '_>,
    event: &'i LStr<'_>,
) -> Result<ReadEvent<'i>, String> {
    let name = event.text().ok_or("an empty `event` name")?;
    let created = item.created.text().ok_or("no `created` time")?;
    let created =
        parse_timestamp(created).ok_or_else(|| format!("`created` is not a time: {created:?}"))?;
    if name == "JOB_NEW_STATUS" {
        if let Some(detail) = item.event_detail.text().or_else(|| item.job_status.text()) {
            let state = JobState::parse(detail);
            if !state.is_terminal() && state != JobState::Pending {
                return Ok(ReadEvent {
                    event: Event {
                        kind: EventKind::NewStatus(state),
                        created,
                        message: None,
                        transfer: None,
                    },
                    uuid: item
                        .description
                        .get()
                        .and_then(scan_job_uuid)
                        .map(Cow::Borrowed),
                    job_name: None,
                    condition: None,
                });
            }
        }
    }
    let description = Description::read(item.description);

    let kind = if name == "JOB_NEW_STATUS" {
        let detail = item
            .event_detail
            .text()
            .or_else(|| item.job_status.text())
            .or_else(|| description.new_status());
        match detail {
            Some(detail) => EventKind::NewStatus(JobState::parse(detail)),
            None => return Err("a status event that names no status".into()),
        }
    } else {
        let detail = item.event_detail.text().or_else(|| item.job_status.text());
        EventKind::Other {
            event: name.into(),
            detail: detail.unwrap_or_default().into(),
        }
    };
    let message = match kind {
        EventKind::NewStatus(_) => None,
        EventKind::Other { .. } => item
            .message
            .get()
            .or_else(|| description.message())
            .map(SharedText::from),
    };
    let transfer = item.transfer_summary.and_then(read_transfer).map(Arc::new);
    let (uuid, job_name, condition) = description.job_facts();
    Ok(ReadEvent {
        event: Event {
            kind,
            created,
            message,
            transfer,
        },
        uuid,
        job_name,
        condition,
    })
}

/// A `jobs.JOB_NEW_STATUS.<STATE>` notification as the status event it reports.
pub(crate) fn read_notification<'i>(
    item: &'i ItemDto<'_>,
    n: &'i NotificationDto<'_>,
) -> Result<ReadEvent<'i>, String> {
    let kind_text = n.kind.text().ok_or("a notification without a `type`")?;
    let mut parts = kind_text.splitn(3, '.');
    let (_service, event, detail) = (parts.next(), parts.next(), parts.next());
    let event = event.ok_or_else(|| format!("notification type {kind_text:?} names no event"))?;
    let created = n
        .timestamp
        .text()
        .or_else(|| item.created.text())
        .ok_or("a notification without a time")?;
    let created = parse_timestamp(created)
        .ok_or_else(|| format!("`timestamp` is not a time: {created:?}"))?;
    let description = Description::read(&n.data);
    let kind = if event == "JOB_NEW_STATUS" {
        let detail = detail
            .or_else(|| description.new_status())
            .ok_or("a status notification that names no status")?;
        EventKind::NewStatus(JobState::parse(detail))
    } else {
        EventKind::Other {
            event: event.into(),
            detail: detail.unwrap_or_default().into(),
        }
    };
    let (uuid, job_name, condition) = description.job_facts();
    let message = match kind {
        EventKind::NewStatus(_) => None,
        EventKind::Other { .. } => description.message().map(SharedText::from),
    };
    Ok(ReadEvent {
        event: Event {
            kind,
            created,
            message,
            transfer: None,
        },
        uuid: uuid.or_else(|| n.subject.text().map(Cow::Borrowed)),
        job_name,
        condition,
    })
}

/// `"jobUuid":"<uuid>"` in a description JSON string, found without parsing it.
fn scan_job_uuid(description: &str) -> Option<&str> {
    const KEY: &[u8] = b"\"jobUuid\"";
    // A byte loop, not `str::find`: its searcher's set-up for each of ~115,000 short
    // descriptions (10,000 jobs' histories) cost more than the search.
    let b = description.as_bytes();
    let mut from = 0;
    let at = loop {
        let quote = from + b[from..].iter().position(|&c| c == b'"')?;
        if b.get(quote + 1) == Some(&b'j') && b[quote..].starts_with(KEY) {
            break quote + KEY.len();
        }
        from = quote + 1;
    };
    let rest = description[at..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let rest = rest.strip_prefix('"')?;
    let uuid = &rest[..rest.find('"')?];
    (!uuid.is_empty() && !uuid.contains('\\')).then_some(uuid)
}

fn read_transfer(t: &TransferDto) -> Option<Transfer> {
    let out = Transfer {
        uuid: t.uuid.owned(),
        status: t.status.owned(),
        bytes: t
            .total_bytes_transferred
            .u64()
            .or(t.estimated_total_bytes.u64()),
        files: t.total_transfers.u64(),
        files_done: t.complete_transfers.u64(),
        // `startTime`/`endTime` are "" until Files sets them.
        created: t.created.text().and_then(parse_timestamp),
        start: t.start_time.text().and_then(parse_timestamp),
        end: t.end_time.text().and_then(parse_timestamp),
        error: t.error_message.owned(),
    };
    (out != Transfer::default()).then_some(out)
}

/// A `description`: the JSON object of today's schema, or the plain text of 2021.
enum Description<'i> {
    None,
    Json(DescriptionDto<'i>),
    Text(&'i str),
}

impl<'i> Description<'i> {
    fn read(field: &'i LStr<'_>) -> Description<'i> {
        let Some(text) = field.get().filter(|t| !t.trim().is_empty()) else {
            return Description::None;
        };
        if text.trim_start().starts_with('{') {
            if let Ok(d) = serde_json::from_str::<DescriptionDto>(text) {
                return Description::Json(d);
            }
        }
        Description::Text(text)
    }

    fn new_status(&self) -> Option<&str> {
        match self {
            Description::Json(d) => d.new_job_status.text(),
            // "The job has transitioned to a new status: QUEUED. The previous …"
            Description::Text(t) => {
                let at = t.find("new status:")? + "new status:".len();
                let rest = t[at..].trim_start();
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                Some(&rest[..end]).filter(|s| !s.is_empty())
            }
            Description::None => None,
        }
    }

    fn message(&self) -> Option<&str> {
        match self {
            Description::Json(d) => d.message.get(),
            Description::Text(t) => Some(t),
            Description::None => None,
        }
    }

    fn job_facts(&self) -> (Option<Cow<'i, str>>, Option<String>, Option<String>) {
        match self {
            Description::Json(d) => (
                d.job_uuid.0.clone().filter(|u| !u.trim().is_empty()),
                d.job_name.owned(),
                d.condition.owned(),
            ),
            _ => (None, None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> ItemDto<'_> {
        serde_json::from_str(json).unwrap()
    }

    fn read(json: &str) -> Result<(EventKind, Option<String>), String> {
        let i = item(json);
        let super::super::dto::EventField::Name(name) = &i.event else {
            return Err("no name".into());
        };
        read_event(EventFields::of(&i), name)
            .map(|r| (r.event.kind, r.uuid.map(|u| u.into_owned())))
    }

    #[test]
    fn status_comes_from_event_detail_job_status_or_description() {
        let new =
            r#"{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:00Z","eventDetail":"QUEUED"}"#;
        let old = r#"{"event":"JOB_NEW_STATUS","created":"2021-01-01T00:00:00.1Z","jobStatus":"RUNNING"}"#;
        let json = r#"{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:00Z",
            "description":"{\"newJobStatus\":\"ARCHIVING\",\"jobUuid\":\"u-1\"}"}"#;
        let text = r#"{"event":"JOB_NEW_STATUS","created":"2021-01-01T00:00:00Z",
            "description":"The job has transitioned to a new status: STAGING_JOB. The previous job status was X."}"#;
        assert_eq!(read(new).unwrap().0, EventKind::NewStatus(JobState::Queued));
        assert_eq!(
            read(old).unwrap().0,
            EventKind::NewStatus(JobState::Running)
        );
        assert_eq!(
            read(json).unwrap(),
            (
                EventKind::NewStatus(JobState::Archiving),
                Some("u-1".into())
            )
        );
        assert_eq!(
            read(text).unwrap().0,
            EventKind::NewStatus(JobState::StagingJob)
        );
    }

    #[test]
    fn the_uuid_is_found_with_or_without_parsing() {
        assert_eq!(
            scan_job_uuid(r#"{"newJobStatus":"QUEUED","jobUuid" : "u-1","x":1}"#),
            Some("u-1")
        );
        assert_eq!(
            scan_job_uuid("The job has transitioned to a new status: QUEUED."),
            None
        );
        let fast = r#"{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:00Z","eventDetail":"QUEUED",
            "description":"{\"newJobStatus\":\"QUEUED\",\"jobUuid\":\"u-1\"}"}"#;
        assert_eq!(
            read(fast).unwrap(),
            (EventKind::NewStatus(JobState::Queued), Some("u-1".into()))
        );
    }

    #[test]
    fn the_uuid_scan_finds_the_key_where_str_find_does() {
        fn reference(d: &str) -> Option<&str> {
            let at = d.find("\"jobUuid\"")? + "\"jobUuid\"".len();
            let rest = d[at..].trim_start().strip_prefix(':')?.trim_start();
            let rest = rest.strip_prefix('"')?;
            let uuid = &rest[..rest.find('"')?];
            (!uuid.is_empty() && !uuid.contains('\\')).then_some(uuid)
        }
        let parts = [
            "\"",
            "j",
            "\"jobUuid\"",
            ":",
            " ",
            "\"u-1\"",
            "\"jobName\":\"x\",",
            "\\",
            "é",
            "\"jobU",
        ];
        let mut rng = crate::rng::Rng::new(3);
        for _ in 0..20_000 {
            let d: String = (0..rng.below(7))
                .map(|_| parts[rng.below(parts.len())])
                .collect();
            assert_eq!(scan_job_uuid(&d), reference(&d), "{d:?}");
        }
    }

    #[test]
    fn empty_transfer_times_are_absent_not_errors() {
        let i = item(
            r#"{"event":"JOB_INPUT_TRANSACTION_ID","created":"2025-01-01T00:00:00Z","eventDetail":"FAILED",
            "transferSummary":{"uuid":"t","status":"FAILED","totalTransfers":"3","startTime":"","endTime":""}}"#,
        );
        let super::super::dto::EventField::Name(name) = &i.event else {
            unreachable!()
        };
        let t = read_event(EventFields::of(&i), name)
            .unwrap()
            .event
            .transfer
            .unwrap();
        assert_eq!(t.files, Some(3));
        assert_eq!(t.start, None);
        assert_eq!(t.status.as_deref(), Some("FAILED"));
    }
}
