//! The job object's fields ([`crate::model::JobInfo`]), declared once: each
//! field's name, its type in the model, its name in Tapis' JSON (which the bundle
//! keeps), and how the import reads it. The model's struct and its merge, the
//! import's wire type and reader, the bundle's writer and the worker hand-off are
//! all generated from this one list: a field added here is read, merged, written
//! and handed off everywhere, and a type the import cannot read as its kind is a
//! compile error.
//!
//! The kinds (`import::dto::kinds`): `Text` a string (trimmed; empty is absent),
//! `Time` an RFC 3339 time, `State` a job state's name, `Count` a whole number
//! (numeric strings too), `Interactive` `notes.isInteractive` (notes as an object
//! or a JSON string), `SourceUrls` `fileInputs[].sourceUrl` (an array or a JSON
//! string).

/// Calls `$callback! { [$($args)*] <the fields> }`, each field written as
/// `$(#[$doc:meta])* $field:ident: $type:ty = $tapis_name:literal as $kind:ident,`
/// in the order the model declares them (the hand-off writes them in this order).
macro_rules! job_info_fields {
    ($callback:ident! { $($args:tt)* }) => {
        $callback! {
            [$($args)*]
            name: Option<crate::texts::SharedText> = "name" as Text,
            owner: Option<crate::texts::SharedText> = "owner" as Text,
            tenant: Option<crate::texts::SharedText> = "tenant" as Text,
            app_id: Option<crate::texts::SharedText> = "appId" as Text,
            app_version: Option<crate::texts::SharedText> = "appVersion" as Text,
            job_type: Option<crate::texts::SharedText> = "jobType" as Text,
            status: Option<crate::job_state::JobState> = "status" as State,
            condition: Option<crate::texts::SharedText> = "condition" as Text,
            last_message: Option<crate::texts::SharedText> = "lastMessage" as Text,
            created: Option<crate::time::Timestamp> = "created" as Time,
            last_updated: Option<crate::time::Timestamp> = "lastUpdated" as Time,
            ended: Option<crate::time::Timestamp> = "ended" as Time,
            remote_submitted: Option<crate::time::Timestamp> = "remoteSubmitted" as Time,
            remote_started: Option<crate::time::Timestamp> = "remoteStarted" as Time,
            remote_ended: Option<crate::time::Timestamp> = "remoteEnded" as Time,
            exec_system_id: Option<crate::texts::SharedText> = "execSystemId" as Text,
            exec_system_logical_queue: Option<crate::texts::SharedText> = "execSystemLogicalQueue" as Text,
            archive_system_id: Option<crate::texts::SharedText> = "archiveSystemId" as Text,
            node_count: Option<u32> = "nodeCount" as Count,
            cores_per_node: Option<u32> = "coresPerNode" as Count,
            memory_mb: Option<u64> = "memoryMB" as Count,
            max_minutes: Option<u32> = "maxMinutes" as Count,
            blocked_count: Option<u32> = "blockedCount" as Count,
            remote_outcome: Option<crate::texts::SharedText> = "remoteOutcome" as Text,
            remote_result_info: Option<crate::texts::SharedText> = "remoteResultInfo" as Text,
            /// `notes.isInteractive`: DesignSafe interactive apps end FAILED at walltime by design.
            interactive: Option<bool> = "notes" as Interactive,
            /// `fileInputs[].sourceUrl`: what was staged (the key of the repeated-inputs rule).
            input_urls: Vec<crate::texts::SharedText> = "fileInputs" as SourceUrls,
        }
    };
}

pub(crate) use job_info_fields;
