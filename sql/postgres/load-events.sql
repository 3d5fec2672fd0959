-- PostgreSQL (psql): loads job_events.ndjson and jobs.ndjson from the current folder into
-- tables of the shape Tapis' database has (`tapis-profile --format tapis-events` and
-- `--format tapis-jobs` write them; an empty jobs.ndjson is fine), and sets tjp_params: as_of,
-- the time states still open are measured up to, to now (UTC); include_stale FALSE (stale jobs
-- left out of the statistics). Then run sql/events.sql and sql/stats.sql. On Tapis' own
-- database skip this: the tables are there (create tjp_params).
--   psql -v ON_ERROR_STOP=1 -f sql/postgres/load-events.sql
-- Each line is read whole as one jsonb value (CSV with quote and delimiter bytes JSON never holds).
DROP TABLE IF EXISTS job_events, jobs, tjp_params CASCADE;
CREATE TEMPORARY TABLE tjp_lines (line jsonb);

\copy tjp_lines FROM 'job_events.ndjson' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TABLE job_events AS
SELECT (line->>'id')::bigint AS id, line->>'event' AS event,
       (line->>'created')::timestamp AS created, line->>'job_uuid' AS job_uuid,
       line->>'event_detail' AS event_detail, line->>'oth_uuid' AS oth_uuid,
       line->>'description' AS description, line->>'tenant' AS tenant
FROM tjp_lines;

TRUNCATE tjp_lines;
\copy tjp_lines FROM 'jobs.ndjson' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TABLE jobs AS
SELECT line->>'uuid' AS uuid, line->>'name' AS name, line->>'owner' AS owner,
       line->>'tenant' AS tenant, line->>'status' AS status, line->>'condition' AS condition,
       line->>'last_message' AS last_message, (line->>'created')::timestamp AS created,
       (line->>'last_updated')::timestamp AS last_updated, (line->>'ended')::timestamp AS ended,
       line->>'app_id' AS app_id, line->>'app_version' AS app_version,
       line->>'job_type' AS job_type, line->>'exec_system_id' AS exec_system_id,
       line->>'exec_system_logical_queue' AS exec_system_logical_queue,
       line->>'archive_system_id' AS archive_system_id, (line->>'node_count')::integer AS node_count,
       (line->>'cores_per_node')::integer AS cores_per_node, (line->>'memory_mb')::bigint AS memory_mb,
       (line->>'max_minutes')::integer AS max_minutes, (line->>'blocked_count')::integer AS blocked_count,
       line->>'remote_outcome' AS remote_outcome, line->>'remote_result_info' AS remote_result_info,
       (line->>'remote_submitted')::timestamp AS remote_submitted,
       (line->>'remote_started')::timestamp AS remote_started,
       (line->>'remote_ended')::timestamp AS remote_ended
FROM tjp_lines;
DROP TABLE tjp_lines;

CREATE TABLE tjp_params AS
SELECT CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP) AS as_of, FALSE AS include_stale;
ANALYZE job_events;
ANALYZE jobs;
