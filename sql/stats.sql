-- Tapis Job Profiler, as SQL: what is normal, per app, per system and queue, per final status
-- and over all jobs — the statistics of the core's report (crates/core/src/analysis/aggregate.rs).
--
-- Reads the table tjp_job_states, one row per job × state: made by sql/events.sql from Tapis'
-- tables, or loaded from `tapis-profile --format ndjson` rows (sql/<engine>/load-rows.sql).
-- Medians and P90 are percentile_cont: linear interpolation between ranks, the definition the
-- core uses (crates/core/src/stats.rs). Runs unchanged on DuckDB and PostgreSQL (Spark SQL
-- 3.4 and later reads percentile_cont … WITHIN GROUP too). docs/formats.md, "The analysis as SQL".

-- The buckets (crates/core/src/job_state.rs, Bucket::ALL; a test checks this list against it).
CREATE OR REPLACE VIEW tjp_bucket_names AS
SELECT * FROM (VALUES
    ('tapis-overhead', 'Tapis overhead'),
    ('data-movement',  'Data movement'),
    ('queue-wait',     'Queue wait'),
    ('compute',        'Compute'),
    ('blocked-paused', 'Blocked / paused')
) AS t (bucket, label);

-- One row per job counted (a stale job is left out unless tjp_params.include_stale, or the
-- CLI's --include-stale, counted it): its own columns, whether it has history, its total time
-- (the sum of its states: first status change, or job creation, to the last or to as_of).
CREATE OR REPLACE VIEW tjp_jobs AS
SELECT uuid, name, appId, appVersion, execSystem, queue, finalStatus, condition,
       BOOL_OR(hasHistory) AS hasHistory,
       COALESCE(SUM(seconds), 0) AS totalSeconds
FROM tjp_job_states
WHERE counted
GROUP BY uuid, name, appId, appVersion, execSystem, queue, finalStatus, condition;

-- Seconds per job and bucket, every bucket for every job with history (0 where it spent none).
-- States of unknown name count in the total and in no bucket.
CREATE OR REPLACE VIEW tjp_job_buckets AS
SELECT j.uuid, b.bucket, COALESCE(SUM(s.seconds), 0) AS seconds
FROM tjp_jobs j
CROSS JOIN tjp_bucket_names b
LEFT JOIN tjp_job_states s ON s.uuid = j.uuid AND s.bucket = b.bucket
WHERE j.hasHistory
GROUP BY j.uuid, b.bucket;

-- The groups each job is in: all jobs; its app ("id version"); its execution system and
-- queue ("system / queue", or the one known); its final status ("(unknown)" when none).
CREATE OR REPLACE VIEW tjp_job_groups AS
SELECT uuid, 'all' AS dimension, '(all jobs)' AS group_key FROM tjp_jobs
UNION ALL
SELECT uuid, 'app',
       CASE WHEN appVersion IS NULL THEN appId ELSE appId || ' ' || appVersion END
FROM tjp_jobs WHERE appId IS NOT NULL
UNION ALL
SELECT uuid, 'system-queue',
       CASE WHEN execSystem IS NOT NULL AND queue IS NOT NULL THEN execSystem || ' / ' || queue
            ELSE COALESCE(execSystem, queue) END
FROM tjp_jobs WHERE execSystem IS NOT NULL OR queue IS NOT NULL
UNION ALL
SELECT uuid, 'final-status', COALESCE(finalStatus, '(unknown)') FROM tjp_jobs;

-- How many jobs each group holds, and how many of them have history.
CREATE OR REPLACE VIEW tjp_groups AS
SELECT g.dimension, g.group_key, COUNT(*) AS jobs,
       SUM(CASE WHEN j.hasHistory THEN 1 ELSE 0 END) AS jobs_with_history
FROM tjp_job_groups g
JOIN tjp_jobs j ON j.uuid = g.uuid
GROUP BY g.dimension, g.group_key;

-- Count, sum, min, median, P90 and max of seconds per group and metric: each job's total and
-- bucket times over the group's jobs with history, each state's time over the jobs that
-- entered it.
CREATE OR REPLACE VIEW tjp_group_stats AS
WITH metric_values AS (
    SELECT g.dimension, g.group_key, 'total' AS kind, 'total' AS metric, j.totalSeconds AS seconds
    FROM tjp_job_groups g
    JOIN tjp_jobs j ON j.uuid = g.uuid
    WHERE j.hasHistory
    UNION ALL
    SELECT g.dimension, g.group_key, 'state', s.state, s.seconds
    FROM tjp_job_groups g
    JOIN tjp_job_states s ON s.uuid = g.uuid
    WHERE s.state IS NOT NULL
    UNION ALL
    SELECT g.dimension, g.group_key, 'bucket', b.bucket, b.seconds
    FROM tjp_job_groups g
    JOIN tjp_job_buckets b ON b.uuid = g.uuid
)
SELECT dimension, group_key, kind, metric,
       COUNT(*) AS jobs,
       SUM(seconds) AS sum_seconds,
       MIN(seconds) AS min_seconds,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_seconds,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90_seconds,
       MAX(seconds) AS max_seconds
FROM metric_values
GROUP BY dimension, group_key, kind, metric;
