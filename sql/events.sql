-- Tapis Job Profiler, as SQL: where each job's time went, from the Jobs service's own tables.
--
-- Reads job_events (id, event, created, job_uuid, event_detail, …) and jobs (uuid, created,
-- status, app_id, app_version, exec_system_id, exec_system_logical_queue, name, condition,
-- max_minutes, last_updated, ended, remote_*) as Tapis' database holds them, or as
-- `tapis-profile --format tapis-events` and `tapis-jobs` write them; and tjp_params (as_of,
-- include_stale): states still open are measured up to as_of while that is plausible (a job
-- left in one for longer is stale: it stops at its last status change and is left out of the
-- statistics unless include_stale).
-- Computes what the analysis core computes (crates/core/src/profile.rs) and ends in the table
-- tjp_job_states, one row per job × state, the shape `tapis-profile --format ndjson` writes;
-- sql/stats.sql goes on from there. Run this file again after changing tjp_params.as_of. Runs unchanged on DuckDB and PostgreSQL; Spark SQL needs
-- the one change noted at tjp_visits. docs/formats.md, "The analysis as SQL".

-- The states as the core knows them (crates/core/src/job_state.rs, which a test checks this
-- list against): the bucket a state's time counts in, and whether it is terminal (a job
-- never leaves FINISHED, CANCELLED or FAILED, so they have no duration). SUBMISSION is the
-- gap from the job object's `created` to its first status, not a Tapis status.
CREATE OR REPLACE VIEW tjp_state_names AS
SELECT * FROM (VALUES
    ('SUBMISSION',        'tapis-overhead', FALSE,  0),
    ('PENDING',           'tapis-overhead', FALSE,  1),
    ('PROCESSING_INPUTS', 'tapis-overhead', FALSE,  2),
    ('STAGING_INPUTS',    'data-movement',  FALSE,  3),
    ('STAGING_JOB',       'tapis-overhead', FALSE,  4),
    ('SUBMITTING_JOB',    'tapis-overhead', FALSE,  5),
    ('QUEUED',            'queue-wait',     FALSE,  6),
    ('RUNNING',           'compute',        FALSE,  7),
    ('ARCHIVING',         'data-movement',  FALSE,  8),
    ('BLOCKED',           'blocked-paused', FALSE,  9),
    ('PAUSED',            'blocked-paused', FALSE, 10),
    ('FINISHED',          NULL,             TRUE,  11),
    ('CANCELLED',         NULL,             TRUE,  12),
    ('FAILED',            NULL,             TRUE,  13)
) AS t (state, bucket, terminal, lifecycle);

-- How long a state can plausibly stay open (crates/core/src/analysis/stale.rs, which a test
-- checks this list against; docs/formats.md, "Stale jobs", gives the reasons): a job in it for
-- longer is stale. RUNNING's bound is the job's max_minutes plus walltime_margin_seconds when
-- the job object gives max_minutes; '(other)' is the bound of every state not listed.
CREATE OR REPLACE VIEW tjp_open_bounds AS
SELECT * FROM (VALUES
    ('PENDING',            86400.0, NULL),
    ('PROCESSING_INPUTS',  86400.0, NULL),
    ('STAGING_INPUTS',    172800.0, NULL),
    ('STAGING_JOB',        86400.0, NULL),
    ('SUBMITTING_JOB',     86400.0, NULL),
    ('QUEUED',            604800.0, NULL),
    ('RUNNING',           604800.0, 3600.0),
    ('ARCHIVING',         172800.0, NULL),
    ('BLOCKED',           604800.0, NULL),
    ('PAUSED',            604800.0, NULL),
    ('(other)',           604800.0, NULL)
) AS t (state, max_seconds, walltime_margin_seconds);

-- Status changes, one per job and instant and state. A known name is read as the core reads
-- it (spaces and letter case forgiven), another is kept as written; an exact duplicate (the
-- same job, time and state: status events carry nothing else the core keeps) counts once.
CREATE OR REPLACE VIEW tjp_status_events AS
SELECT job_uuid, id, created, state
FROM (
    SELECT job_uuid, id, created, state,
           ROW_NUMBER() OVER (PARTITION BY job_uuid, created, state ORDER BY id) AS copy
    FROM (
        SELECT e.job_uuid, e.id, e.created, COALESCE(n.state, TRIM(e.event_detail)) AS state
        FROM job_events e
        LEFT JOIN tjp_state_names n ON n.state = UPPER(TRIM(e.event_detail))
        WHERE e.event = 'JOB_NEW_STATUS' AND TRIM(e.event_detail) <> ''
    ) AS named
) AS numbered
WHERE copy = 1;

-- Jobs still in a state: the state, since when, and whether they are stale (in it for longer
-- than tjp_open_bounds allows at as_of). With a history, its last status change when that is
-- not terminal; a job with none, its job object's status while it has not ended, since the
-- latest of its timestamps (the core's `coarse::last_heard`).
CREATE OR REPLACE VIEW tjp_open_states AS
WITH last_status AS (
    SELECT job_uuid, state, created AS since
    FROM (
        SELECT job_uuid, state, created,
               ROW_NUMBER() OVER (PARTITION BY job_uuid ORDER BY created DESC, id DESC) AS back
        FROM tjp_status_events
    ) AS numbered
    WHERE back = 1
),
open_jobs AS (
    SELECT l.job_uuid, l.state, l.since
    FROM last_status l
    LEFT JOIN tjp_state_names n ON n.state = l.state
    WHERE NOT COALESCE(n.terminal, FALSE)
    UNION ALL
    SELECT j.uuid, COALESCE(n.state, TRIM(j.status)),
           GREATEST(j.created, j.remote_submitted, j.remote_started, j.remote_ended, j.last_updated)
    FROM jobs j
    LEFT JOIN tjp_state_names n ON n.state = UPPER(TRIM(j.status))
    WHERE j.ended IS NULL AND TRIM(j.status) <> '' AND NOT COALESCE(n.terminal, FALSE)
      AND NOT EXISTS (SELECT 1 FROM tjp_status_events e WHERE e.job_uuid = j.uuid)
)
SELECT o.job_uuid, o.state, o.since,
       CAST(EXTRACT(EPOCH FROM (p.as_of - o.since)) AS DOUBLE PRECISION) > CASE
           WHEN b.walltime_margin_seconds IS NOT NULL AND j.max_minutes > 0
               THEN j.max_minutes * 60.0 + b.walltime_margin_seconds
           ELSE COALESCE(b.max_seconds, other.max_seconds)
       END AS stale
FROM open_jobs o
CROSS JOIN tjp_params p
CROSS JOIN (SELECT max_seconds FROM tjp_open_bounds WHERE state = '(other)') AS other
LEFT JOIN tjp_open_bounds b ON b.state = o.state
LEFT JOIN jobs j ON j.uuid = o.job_uuid
WHERE o.since IS NOT NULL;

-- Visits: each status change to the next, in `created` order (equal times in `id` order,
-- as the core's stable sort keeps the order it met them in); no visit out of a terminal
-- state; the last state, when not terminal, is open and measured up to as_of (nothing when
-- as_of is not later than its start, nor when the job is stale and stale jobs are not
-- included: it stops at its last status change); and the submission gap, when the job object
-- says when the job was created and that is before its first status.
-- Spark SQL: write the seconds as (unix_micros(ended) - unix_micros(started)) / 1e6.
CREATE OR REPLACE VIEW tjp_visits AS
WITH ordered AS (
    SELECT job_uuid, state, created AS started,
           LEAD(created) OVER (PARTITION BY job_uuid ORDER BY created, id) AS next_at
    FROM tjp_status_events
),
first_status AS (
    SELECT job_uuid, MIN(created) AS first_at FROM tjp_status_events GROUP BY job_uuid
),
segments AS (
    SELECT j.uuid AS job_uuid, 'SUBMISSION' AS state, j.created AS started,
           f.first_at AS ended, FALSE AS open
    FROM jobs j
    JOIN first_status f ON f.job_uuid = j.uuid
    WHERE j.created < f.first_at
    UNION ALL
    SELECT o.job_uuid, o.state, o.started,
           CASE WHEN o.next_at IS NOT NULL THEN o.next_at
                WHEN s.stale AND NOT p.include_stale THEN o.started
                WHEN p.as_of > o.started THEN p.as_of
                ELSE o.started END,
           o.next_at IS NULL
    FROM ordered o
    CROSS JOIN tjp_params p
    LEFT JOIN tjp_state_names n ON n.state = o.state
    LEFT JOIN tjp_open_states s ON s.job_uuid = o.job_uuid
    WHERE NOT COALESCE(n.terminal, FALSE)
)
SELECT job_uuid, state, started, ended, open,
       CAST(EXTRACT(EPOCH FROM (ended - started)) AS DOUBLE PRECISION) AS seconds
FROM segments;

-- One row per job × state entered: seconds summed over visits, how many visits, the share of
-- the job's time, whether the job is still in it; with the job's own columns (from jobs) and
-- its final status (its last status, else the job object's). A job with no time in any state
-- (no history, or only a terminal status) has one row with the state columns null;
-- hasHistory says whether it had any status event; stale whether it was left in an open state
-- too long, counted whether it counts in the statistics (not stale, or include_stale). Column
-- names are the CLI rows' own.
CREATE OR REPLACE VIEW tjp_event_states AS
WITH known_jobs AS (
    SELECT job_uuid AS uuid FROM job_events
    UNION
    SELECT uuid FROM jobs
),
last_status AS (
    SELECT job_uuid, state
    FROM (
        SELECT job_uuid, state,
               ROW_NUMBER() OVER (PARTITION BY job_uuid ORDER BY created DESC, id DESC) AS back
        FROM tjp_status_events
    ) AS numbered
    WHERE back = 1
),
durations AS (
    SELECT job_uuid, state, SUM(seconds) AS seconds, COUNT(*) AS visits, BOOL_OR(open) AS open
    FROM tjp_visits
    GROUP BY job_uuid, state
),
totals AS (
    SELECT job_uuid, SUM(seconds) AS seconds FROM tjp_visits GROUP BY job_uuid
)
SELECT k.uuid,
       CAST(j.name AS VARCHAR) AS name,
       CAST(j.app_id AS VARCHAR) AS appId,
       CAST(j.app_version AS VARCHAR) AS appVersion,
       CAST(j.exec_system_id AS VARCHAR) AS execSystem,
       CAST(j.exec_system_logical_queue AS VARCHAR) AS queue,
       COALESCE(l.state, CAST(j.status AS VARCHAR)) AS finalStatus,
       CAST(j.condition AS VARCHAR) AS condition,
       d.state,
       n.bucket,
       d.seconds,
       d.visits,
       CASE WHEN t.seconds > 0 THEN d.seconds / t.seconds END AS share,
       d.open,
       COALESCE(s.stale, FALSE) AS stale,
       l.state IS NOT NULL AS hasHistory,
       NOT COALESCE(s.stale, FALSE) OR p.include_stale AS counted
FROM known_jobs k
CROSS JOIN tjp_params p
LEFT JOIN tjp_open_states s ON s.job_uuid = k.uuid
LEFT JOIN jobs j ON j.uuid = k.uuid
LEFT JOIN last_status l ON l.job_uuid = k.uuid
LEFT JOIN durations d ON d.job_uuid = k.uuid
LEFT JOIN totals t ON t.job_uuid = k.uuid
LEFT JOIN tjp_state_names n ON n.state = d.state;

-- The hand-off to sql/stats.sql: those rows as a table, computed once here (an engine computes
-- a view again wherever it is named, and stats.sql names this one often). CASCADE drops
-- stats.sql's views in PostgreSQL: run stats.sql after this file.
DROP TABLE IF EXISTS tjp_job_states CASCADE;
CREATE TABLE tjp_job_states AS SELECT * FROM tjp_event_states;

-- Statistics for the planner (PostgreSQL plans these joins badly without them).
ANALYZE tjp_job_states;
