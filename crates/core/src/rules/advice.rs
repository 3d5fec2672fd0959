//! The user guide's words, and condition-specific advice for failures.

/// From "Interpreting Job States" and "Profiling allows you to".
pub const QUEUE: &[&str] = &[
    "Long time in PENDING or QUEUED → Requested resources may be too large, or the queue may be heavily loaded.",
    "Optimize resource requests (cores, memory, wall time)",
    "Select more appropriate queues or systems",
];

pub const STAGING: &[&str] = &[
    "Delays before the job starts running → Input file staging (uploads, copies, or decompression) may be the bottleneck.",
    "Upload a single ZIP file → unzip inside your job script",
    "Store them once in your Work directory or system scratch",
    "Reference them directly from your job script instead of re-uploading",
];

pub const ARCHIVING: &[&str] = &[
    "Fast RUNNING but slow ARCHIVING → Your workflow is likely producing too many files or very large outputs.",
    "Write intermediate or temporary files to Work or scratch during the run",
    "Archive only final or essential outputs",
    "Perform aggregation or post-processing before archiving",
    "Package results into one or a few ZIP files → archive those instead of thousands of files",
];

pub const SMALL_FILES: &[&str] = &[
    "Tapis is extremely powerful for automation and reproducibility, but it is not optimized for moving thousands of individual files. Every file transfer involves metadata operations, authentication, and filesystem overhead.",
    "Fewer, larger files",
    "Structured directories over flat folders with many files",
    "Upload a single ZIP file → unzip inside your job script",
    "Package results into one or a few ZIP files → archive those instead of thousands of files",
];

pub const REPEATED: &[&str] = &[
    "For shared or reusable inputs (e.g., ground-motion sets, large mesh files, lookup tables):",
    "Store them once in your Work directory or system scratch",
    "Reference them directly from your job script instead of re-uploading",
    "Scratch and Work spaces may be cleaned periodically. You are responsible for:",
    "Verifying files exist before running",
    "Re-populating them when needed",
    "Treating scratch as performance space, not archival storage",
];

pub const FAILURE: &[&str] = &[
    "Immediate FAILED → Often points to missing input files, incorrect paths, environment setup issues, or permissions problems.",
    "Do you have a simple “existence check” step so jobs fail fast if scratch was cleaned?",
];

pub const WALLTIME: &[&str] = &[
    "Optimize resource requests (cores, memory, wall time)",
    "Did you request reasonable wall time so the job doesn’t get killed mid-run (wasting staging cost)?",
];

pub const BLOCKED: &[&str] =
    &["Understand non-compute overhead (input staging, archiving, metadata operations)"];

/// What a failure condition (`JobConditionCode`, API.md §1.5) usually means and
/// what to try; this tool's words, not the guide's.
pub fn condition_advice(condition: &str) -> Option<&'static str> {
    Some(match condition {
        "JOB_UNABLE_TO_STAGE_INPUTS" | "JOB_TRANSFER_FAILED_OR_CANCELLED" => {
            "JOB_UNABLE_TO_STAGE_INPUTS / transfer failed: check that every input path exists, is spelled as the app expects, and is readable by you (and by the app's shared context)."
        }
        "JOB_TRANSFER_MONITORING_TIMEOUT" => {
            "JOB_TRANSFER_MONITORING_TIMEOUT: the transfer took too long — usually far too many files; zip them."
        }
        "JOB_UNABLE_TO_STAGE_JOB" | "JOB_LAUNCH_FAILURE" => {
            "JOB_UNABLE_TO_STAGE_JOB / JOB_LAUNCH_FAILURE: the job could not be set up on the execution system — check the execution directory's permissions and quota, and the app's environment (modules, container)."
        }
        "JOB_INVALID_DEFINITION" => {
            "JOB_INVALID_DEFINITION: the request itself was rejected — check parameters, queue name, node and core counts against the app's limits."
        }
        "JOB_REMOTE_OUTCOME_ERROR" => {
            "JOB_REMOTE_OUTCOME_ERROR: the application ran and exited non-zero — read tapisjob.out (stdout/stderr) in the archive for missing files, wrong paths or a missing environment."
        }
        "SCHEDULER_OUT_OF_MEMORY" => {
            "SCHEDULER_OUT_OF_MEMORY: the job ran out of memory — request more memory or more nodes, or reduce the problem size per node."
        }
        "SCHEDULER_TIMEOUT" | "JOB_EXECUTION_MONITORING_TIMEOUT" | "JOB_EXECUTION_MONITORING_ERROR_TIMEOUT" => {
            "Walltime reached: request a longer wall time or checkpoint — a job killed mid-run wastes its staging."
        }
        "SCHEDULER_CANCELLED" | "SCHEDULER_STOPPED" | "SCHEDULER_TERMINATED" | "SCHEDULER_DEADLINE" => {
            "The scheduler ended the job: check the system's status and your allocation."
        }
        "JOB_REMOTE_ACCESS_ERROR" | "JOB_FILES_SERVICE_ERROR" | "JOB_QUEUE_MONITORING_ERROR" | "JOB_EXECUTION_MONITORING_ERROR" => {
            "A Tapis or system service failed: resubmitting is usually enough; if it repeats, report it to the portal's help desk."
        }
        "JOB_RECOVERY_TIMEOUT" | "JOB_RECOVERY_FAILURE" => {
            "Recovery gave up: the job stayed BLOCKED too long (system down, quota or credentials) — fix the cause named in the last message, then resubmit."
        }
        "JOB_ARCHIVING_FAILED" => {
            "JOB_ARCHIVING_FAILED: the run finished but its outputs could not be archived — check the archive path and quota; far fewer (zipped) files also help."
        }
        _ => return None,
    })
}
