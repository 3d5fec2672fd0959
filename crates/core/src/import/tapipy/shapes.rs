//! The keys of the objects Tapis' Jobs service answers with, as tapipy prints
//! them (Tapis' OpenAPI schemas, tapipy 25.4.0's `openapi_v3-jobs.yml`, and the
//! keys real payloads carry beyond them). A print does not say where a nested
//! object ends; when the order of keys leaves a choice, a key goes to the open
//! object whose shape names it.

/// What is known of an object's keys.
pub(super) struct Shape {
    /// Every key, sorted (as tapipy prints them), nested objects' and lists' too.
    pub keys: &'static [&'static str],
    /// Keys whose value is an object, with its shape.
    pub objects: &'static [(&'static str, &'static Shape)],
    /// Keys whose value is a list of objects, with the items' shape.
    pub lists: &'static [(&'static str, &'static Shape)],
}

impl Shape {
    pub fn has(&self, key: &str) -> bool {
        self.keys.binary_search(&key).is_ok()
    }

    pub fn object(&self, key: &str) -> Option<&'static Shape> {
        find(self.objects, key)
    }

    pub fn list_item(&self, key: &str) -> &'static Shape {
        find(self.lists, key).unwrap_or(&FREE)
    }
}

fn find(table: &[(&str, &'static Shape)], key: &str) -> Option<&'static Shape> {
    table.iter().find(|(k, _)| *k == key).map(|(_, s)| *s)
}

/// An object whose keys are anyone's (`notes`, a user's own data).
pub(super) static FREE: Shape = Shape {
    keys: &[],
    objects: &[],
    lists: &[],
};

/// A printed item: a job object (`Job`, `JobListDTO`), a history event
/// (`JobHistoryDisplayDTO`, also the 2021 `jobStatus`), a job's status, a
/// response envelope, a notification: one shape, as a print does not say which.
pub(super) static ITEM: Shape = Shape {
    keys: &[
        "_fileInputsSpec",
        "_parameterSetModel",
        "appId",
        "appVersion",
        "archiveCorrelationId",
        "archiveMode",
        "archiveOnAppError",
        "archiveSystemDir",
        "archiveSystemId",
        "archiveTransactionId",
        "blockedCount",
        "build",
        "cmdPrefix",
        "commit",
        "condition",
        "coresPerNode",
        "created",
        "createdby",
        "createdbyTenant",
        "deliveryTarget",
        "description",
        "dtnInputCorrelationId",
        "dtnInputTransactionId",
        "dtnMountPoint",
        "dtnMountSourcePath",
        "dtnOutputCorrelationId",
        "dtnOutputTransactionId",
        "dtnSystemId",
        "dtnSystemInputDir",
        "dtnSystemOutputDir",
        "dynamicExecSystem",
        "ended",
        "event",
        "eventDetail",
        "eventUuid",
        "execSystemConstraints",
        "execSystemExecDir",
        "execSystemId",
        "execSystemInputDir",
        "execSystemLogicalQueue",
        "execSystemOutputDir",
        "fileInputs",
        "id",
        "inputCorrelationId",
        "inputTransactionId",
        "isMpi",
        "jobStatus",
        "jobType",
        "lastMessage",
        "lastUpdated",
        "maxMinutes",
        "memoryMB",
        "message",
        "metadata",
        "mpi",
        "mpiCmd",
        "name",
        "nodeCount",
        "notes",
        "owner",
        "parameterSet",
        "remoteChecksFailed",
        "remoteChecksSuccess",
        "remoteEnded",
        "remoteJobId",
        "remoteJobId2",
        "remoteLastStatusCheck",
        "remoteOutcome",
        "remoteQueue",
        "remoteResultInfo",
        "remoteStarted",
        "remoteSubmitRetries",
        "remoteSubmitted",
        "result",
        "sharedAppCtx",
        "sharedAppCtxAttribs",
        "stageAppCorrelationId",
        "stageAppTransactionId",
        "status",
        "subscriptionName",
        "subscriptions",
        "tags",
        "tapisQueue",
        "tenant",
        "trackingId",
        "transferSummary",
        "transferTaskUuid",
        "uuid",
        "version",
        "visible",
    ],
    objects: &[
        ("_parameterSetModel", &PARAMETER_SET),
        ("deliveryTarget", &DELIVERY_TARGET),
        ("event", &NOTIFICATION_EVENT),
        ("metadata", &METADATA),
        ("notes", &FREE),
        ("parameterSet", &PARAMETER_SET),
        ("result", &ITEM),
        ("transferSummary", &TRANSFER_SUMMARY),
    ],
    lists: &[
        ("_fileInputsSpec", &FILE_INPUT),
        ("fileInputs", &FILE_INPUT),
        ("result", &ITEM),
        ("subscriptions", &SUBSCRIPTION),
    ],
};

static TRANSFER_SUMMARY: Shape = Shape {
    keys: &[
        "completeTransfers",
        "created",
        "endTime",
        "errorMessage",
        "estimatedTotalBytes",
        "startTime",
        "status",
        "totalBytesTransferred",
        "totalTransfers",
        "uuid",
    ],
    objects: &[],
    lists: &[],
};

/// `JobParameterSet`.
static PARAMETER_SET: Shape = Shape {
    keys: &[
        "appArgs",
        "archiveFilter",
        "containerArgs",
        "envVariables",
        "logConfig",
        "schedulerOptions",
    ],
    objects: &[
        ("archiveFilter", &ARCHIVE_FILTER),
        ("logConfig", &LOG_CONFIG),
    ],
    lists: &[
        ("appArgs", &ARG_SPEC),
        ("containerArgs", &ARG_SPEC),
        ("envVariables", &KEY_VALUE),
        ("schedulerOptions", &ARG_SPEC),
    ],
};

/// `IncludeExcludeFilter`.
static ARCHIVE_FILTER: Shape = Shape {
    keys: &["excludes", "includeLaunchFiles", "includes"],
    objects: &[],
    lists: &[],
};

/// `LogConfig`.
static LOG_CONFIG: Shape = Shape {
    keys: &["stderrFilename", "stdoutFilename"],
    objects: &[],
    lists: &[],
};

/// `JobArgSpec`.
static ARG_SPEC: Shape = Shape {
    keys: &["arg", "description", "include", "name", "notes"],
    objects: &[("notes", &FREE)],
    lists: &[],
};

/// `KeyValuePair`.
static KEY_VALUE: Shape = Shape {
    keys: &["description", "include", "key", "notes", "value"],
    objects: &[("notes", &FREE)],
    lists: &[],
};

/// `JobFileInput`, with the keys real jobs carry beyond the schema.
static FILE_INPUT: Shape = Shape {
    keys: &[
        "autoMountLocal",
        "description",
        "destSharedAppCtx",
        "envKey",
        "name",
        "notes",
        "optional",
        "sourceUrl",
        "srcSharedAppCtx",
        "targetPath",
    ],
    objects: &[("notes", &FREE)],
    lists: &[],
};

/// `ReqSubscribe` as a job keeps it.
static SUBSCRIPTION: Shape = Shape {
    keys: &[
        "deliveryTargets",
        "description",
        "enabled",
        "eventCategoryFilter",
        "ttlMinutes",
        "ttlminutes",
    ],
    objects: &[],
    lists: &[("deliveryTargets", &DELIVERY_TARGET)],
};

static DELIVERY_TARGET: Shape = Shape {
    keys: &["deliveryAddress", "deliveryMethod"],
    objects: &[],
    lists: &[],
};

/// A notification's `event`.
static NOTIFICATION_EVENT: Shape = Shape {
    keys: &[
        "data",
        "deleteSubscriptionsMatchingSubject",
        "endSeries",
        "received",
        "seriesId",
        "seriesSeqCount",
        "source",
        "subject",
        "tenant",
        "timestamp",
        "type",
        "user",
        "uuid",
    ],
    objects: &[],
    lists: &[],
};

/// A response envelope's `metadata` (`ResultMetadata`).
static METADATA: Shape = Shape {
    keys: &[
        "orderBy",
        "recordCount",
        "recordLimit",
        "recordsSkipped",
        "startAfter",
        "totalCount",
    ],
    objects: &[],
    lists: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// `has` searches a sorted list; objects and lists are named among the keys.
    #[test]
    fn every_shape_lists_its_keys_sorted_and_whole() {
        for shape in [
            &ITEM,
            &TRANSFER_SUMMARY,
            &PARAMETER_SET,
            &ARCHIVE_FILTER,
            &LOG_CONFIG,
            &ARG_SPEC,
            &KEY_VALUE,
            &FILE_INPUT,
            &SUBSCRIPTION,
            &DELIVERY_TARGET,
            &NOTIFICATION_EVENT,
            &METADATA,
        ] {
            assert!(
                shape.keys.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                shape.keys
            );
            for (key, _) in shape.objects.iter().chain(shape.lists) {
                assert!(shape.has(key), "{key} not among {:?}", shape.keys);
            }
        }
    }
}
