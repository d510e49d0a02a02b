-- Shared analyst views over the Trailhouse tables. Used by the notebooks, by `trailhouse sql`
-- (packaged in the job jar), and runnable in Athena/Trino with the tables registered in Glue
-- (replace TEMPORARY VIEW by VIEW there). Each statement ends with a semicolon at the end of a line.

-- Events of the Amazon Connect family, with the service's short name and the access channel.
CREATE OR REPLACE TEMPORARY VIEW connect_events AS
SELECT e.*,
       regexp_extract(event_source, '^([a-z0-9-]+)\\.amazonaws\\.com$', 1) AS service,
       CASE
         WHEN user_agent IS NULL THEN 'unknown'
         WHEN lower(user_agent) RLIKE 'console\\.amazonaws\\.com|signin\\.amazonaws\\.com|aws internal|mozilla' THEN 'console'
         WHEN lower(user_agent) LIKE 'aws-cli/%' OR lower(user_agent) LIKE '%aws-cli/%' THEN 'cli'
         WHEN lower(user_agent) RLIKE 'aws-sdk|boto3|botocore|aws-sdk-java|aws-sdk-go|aws-sdk-js' THEN 'sdk'
         WHEN lower(user_agent) RLIKE '^[a-z0-9.-]+\\.amazonaws\\.com$' THEN 'aws-service'
         ELSE 'other'
       END AS access_channel
FROM events e
WHERE event_source IN ('connect.amazonaws.com', 'voiceid.amazonaws.com', 'profile.amazonaws.com',
                       'wisdom.amazonaws.com', 'cases.amazonaws.com', 'app-integrations.amazonaws.com');

-- Calls refused for lack of permission.
CREATE OR REPLACE TEMPORARY VIEW denied_calls AS
SELECT *
FROM connect_events
WHERE error_code RLIKE 'AccessDenied|Unauthorized|Forbidden';

-- When each principal and each (principal, source IP) was first seen in the whole lake.
CREATE OR REPLACE TEMPORARY VIEW principal_first_seen AS
SELECT actor, min(identity_type) AS identity_type, min(event_time) AS first_seen, max(event_time) AS last_seen,
       count(*) AS calls
FROM connect_events
WHERE actor IS NOT NULL
GROUP BY actor;

CREATE OR REPLACE TEMPORARY VIEW principal_ip_first_seen AS
SELECT actor, source_ip_address, min(event_time) AS first_seen, count(*) AS calls
FROM connect_events
WHERE actor IS NOT NULL AND source_ip_address IS NOT NULL
GROUP BY actor, source_ip_address;

-- Reads of contact data: attributes, contact details, recordings and transcripts (privacy review).
CREATE OR REPLACE TEMPORARY VIEW contact_data_reads AS
SELECT *
FROM connect_events
WHERE event_source = 'connect.amazonaws.com'
  AND event_name IN ('GetContactAttributes', 'DescribeContact', 'ListContactReferences', 'SearchContacts',
                     'GetContactRecording', 'ListRealtimeContactAnalysisSegments',
                     'ListRealtimeContactAnalysisSegmentsV2', 'DescribeContactEvaluation',
                     'GetAttachedFile', 'BatchGetAttachedFileMetadata', 'ListContactEvaluations');

-- Voice ID administration, with a flag for values the service redacted.
CREATE OR REPLACE TEMPORARY VIEW voiceid_admin AS
SELECT event_time, event_date, actor, event_name, read_only, error_code, request_parameters,
       response_elements,
       coalesce(request_parameters['domainId'], request_parameters['DomainId'],
                response_elements['domain.domainId']) AS domain_id,
       exists(map_values(coalesce(request_parameters, map())), v -> v = 'HIDDEN_DUE_TO_SECURITY_REASONS')
         OR exists(map_values(coalesce(response_elements, map())), v -> v = 'HIDDEN_DUE_TO_SECURITY_REASONS')
         AS has_redacted_fields
FROM events
WHERE event_source = 'voiceid.amazonaws.com';

-- Ingest health: one row per run, newest first.
CREATE OR REPLACE TEMPORARY VIEW ingest_health AS
SELECT run_id, started_at, ended_at, status, from_date, to_date, files_listed, files_read, files_skipped,
       records_read, records_written, records_duplicate, records_rejected, records_filtered,
       records_read = records_written + records_duplicate + records_rejected + records_filtered AS reconciled,
       message
FROM ingest_runs;

-- Rejects grouped by the kind of reason (the text before the first colon or parenthesis).
CREATE OR REPLACE TEMPORARY VIEW rejects_by_reason AS
SELECT trim(regexp_extract(reason, '^([^:(;]+)', 1)) AS reason_kind, count(*) AS rejects,
       count(DISTINCT source_file) AS files, min(delivery_date) AS first_day, max(delivery_date) AS last_day
FROM rejects
GROUP BY 1;

-- Events delivered in a later day folder than the day they happened (late deliveries).
CREATE OR REPLACE TEMPORARY VIEW late_deliveries AS
SELECT event_id, event_time, event_date, event_source, event_name, addendum_reason,
       to_date(regexp_extract(source_file, '/(\\d{4}/\\d{2}/\\d{2})/[^/]+$', 1), 'yyyy/MM/dd') AS delivery_date,
       datediff(to_date(regexp_extract(source_file, '/(\\d{4}/\\d{2}/\\d{2})/[^/]+$', 1), 'yyyy/MM/dd'), event_date)
         AS days_late
FROM events
WHERE to_date(regexp_extract(source_file, '/(\\d{4}/\\d{2}/\\d{2})/[^/]+$', 1), 'yyyy/MM/dd') > event_date;

-- Each command run's status: the latest row of the append-only command_runs ledger (an end row
-- outranks a heartbeat written at the same instant).
CREATE OR REPLACE TEMPORARY VIEW run_status AS
SELECT run_id, command, arguments, status, message, started_at, recorded_at, host, pid, found_by
FROM (SELECT *, row_number() OVER (PARTITION BY run_id
                                   ORDER BY recorded_at DESC, CASE WHEN status = 'running' THEN 1 ELSE 0 END) AS n
      FROM command_runs)
WHERE n = 1;
