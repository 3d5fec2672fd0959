-- DuckDB: loads job_states.ndjson (`tapis-profile --format ndjson`, one row per job × state)
-- from the current folder as tjp_job_states. Then run sql/stats.sql.
CREATE OR REPLACE TABLE tjp_job_states AS
SELECT * FROM read_json('job_states.ndjson', format = 'newline_delimited', columns = {
    uuid: 'VARCHAR', name: 'VARCHAR', appId: 'VARCHAR', appVersion: 'VARCHAR',
    execSystem: 'VARCHAR', queue: 'VARCHAR', finalStatus: 'VARCHAR', condition: 'VARCHAR',
    state: 'VARCHAR', bucket: 'VARCHAR', seconds: 'DOUBLE', visits: 'INTEGER', share: 'DOUBLE',
    open: 'BOOLEAN', stale: 'BOOLEAN', hasHistory: 'BOOLEAN', counted: 'BOOLEAN'
});
