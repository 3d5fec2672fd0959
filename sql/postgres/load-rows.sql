-- PostgreSQL (psql): loads job_states.ndjson (`tapis-profile --format ndjson`, one row per
-- job × state) from the current folder as tjp_job_states. Then run sql/stats.sql.
--   psql -v ON_ERROR_STOP=1 -f sql/postgres/load-rows.sql
-- Each line is read whole as one jsonb value (CSV with quote and delimiter bytes JSON never holds).
DROP TABLE IF EXISTS tjp_job_states CASCADE;
CREATE TEMPORARY TABLE tjp_lines (line jsonb);
\copy tjp_lines FROM 'job_states.ndjson' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TABLE tjp_job_states AS
SELECT line->>'uuid' AS uuid, line->>'name' AS name, line->>'appId' AS appId,
       line->>'appVersion' AS appVersion, line->>'execSystem' AS execSystem,
       line->>'queue' AS queue, line->>'finalStatus' AS finalStatus,
       line->>'condition' AS condition, line->>'state' AS state, line->>'bucket' AS bucket,
       (line->>'seconds')::double precision AS seconds, (line->>'visits')::integer AS visits,
       (line->>'share')::double precision AS share, (line->>'open')::boolean AS open,
       (line->>'stale')::boolean AS stale, (line->>'hasHistory')::boolean AS hasHistory,
       (line->>'counted')::boolean AS counted
FROM tjp_lines;
DROP TABLE tjp_lines;
ANALYZE tjp_job_states;
