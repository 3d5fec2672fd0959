-- DuckDB: loads job_events.ndjson and jobs.ndjson from the current folder into tables of the
-- shape Tapis' database has (`tapis-profile --format tapis-events` and `--format tapis-jobs`
-- write them; an empty jobs.ndjson is fine), and sets tjp_params: as_of, the time states still
-- open are measured up to, to now (UTC); include_stale FALSE (stale jobs left out of the
-- statistics). Then run sql/events.sql and sql/stats.sql.
CREATE OR REPLACE TABLE job_events AS
SELECT * FROM read_json('job_events.ndjson', format = 'newline_delimited', columns = {
    id: 'BIGINT', event: 'VARCHAR', created: 'TIMESTAMP', job_uuid: 'VARCHAR',
    event_detail: 'VARCHAR', oth_uuid: 'VARCHAR', description: 'VARCHAR', tenant: 'VARCHAR'
});

CREATE OR REPLACE TABLE jobs AS
SELECT * FROM read_json('jobs.ndjson', format = 'newline_delimited', columns = {
    uuid: 'VARCHAR', name: 'VARCHAR', owner: 'VARCHAR', tenant: 'VARCHAR', status: 'VARCHAR',
    condition: 'VARCHAR', last_message: 'VARCHAR', created: 'TIMESTAMP',
    last_updated: 'TIMESTAMP', ended: 'TIMESTAMP', app_id: 'VARCHAR', app_version: 'VARCHAR',
    job_type: 'VARCHAR', exec_system_id: 'VARCHAR', exec_system_logical_queue: 'VARCHAR',
    archive_system_id: 'VARCHAR', node_count: 'INTEGER', cores_per_node: 'INTEGER',
    memory_mb: 'BIGINT', max_minutes: 'INTEGER', blocked_count: 'INTEGER',
    remote_outcome: 'VARCHAR', remote_result_info: 'VARCHAR', remote_submitted: 'TIMESTAMP',
    remote_started: 'TIMESTAMP', remote_ended: 'TIMESTAMP'
});

CREATE OR REPLACE TABLE tjp_params AS
SELECT CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP) AS as_of, FALSE AS include_stale;
