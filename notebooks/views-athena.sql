-- The shared analyst views of views.sql in Athena's dialect (Trino, engine version 3), over the tables
-- that `trailhouse ddl --engine athena` registers. Run each statement in the Athena console with the
-- tables' database selected (e.g. trail). Each statement ends with a semicolon at the end of a line.
-- Differences from Spark: regexp_like for RLIKE, element_at for a map key that may be missing,
-- any_match for exists, date_parse and date_diff for to_date and datediff, no backslash escapes.

-- Events of the Amazon Connect family, with the service's short name and the access channel.
CREATE OR REPLACE VIEW connect_events AS
SELECT e.*,
       regexp_extract(event_source, '^([a-z0-9-]+)\.amazonaws\.com$', 1) AS service,
       CASE
         WHEN user_agent IS NULL THEN 'unknown'
         WHEN regexp_like(lower(user_agent), 'console\.amazonaws\.com|signin\.amazonaws\.com|aws internal|mozilla') THEN 'console'
         WHEN lower(user_agent) LIKE 'aws-cli/%' OR lower(user_agent) LIKE '%aws-cli/%' THEN 'cli'
         WHEN regexp_like(lower(user_agent), 'aws-sdk|boto3|botocore|aws-sdk-java|aws-sdk-go|aws-sdk-js') THEN 'sdk'
         WHEN regexp_like(lower(user_agent), '^[a-z0-9.-]+\.amazonaws\.com$') THEN 'aws-service'
         ELSE 'other'
       END AS access_channel
FROM events e
WHERE event_source IN ('connect.amazonaws.com', 'voiceid.amazonaws.com', 'profile.amazonaws.com',
                       'wisdom.amazonaws.com', 'cases.amazonaws.com', 'app-integrations.amazonaws.com');

-- Calls refused for lack of permission.
CREATE OR REPLACE VIEW denied_calls AS
SELECT *
FROM connect_events
WHERE regexp_like(error_code, 'AccessDenied|Unauthorized|Forbidden');

-- When each principal and each (principal, source IP) was first seen in the whole lake.
CREATE OR REPLACE VIEW principal_first_seen AS
SELECT actor, min(identity_type) AS identity_type, min(event_time) AS first_seen, max(event_time) AS last_seen,
       count(*) AS calls
FROM connect_events
WHERE actor IS NOT NULL
GROUP BY actor;

CREATE OR REPLACE VIEW principal_ip_first_seen AS
SELECT actor, source_ip_address, min(event_time) AS first_seen, count(*) AS calls
FROM connect_events
WHERE actor IS NOT NULL AND source_ip_address IS NOT NULL
GROUP BY actor, source_ip_address;

-- Reads of contact data: attributes, contact details, recordings and transcripts (privacy review).
CREATE OR REPLACE VIEW contact_data_reads AS
SELECT *
FROM connect_events
WHERE event_source = 'connect.amazonaws.com'
  AND event_name IN ('GetContactAttributes', 'DescribeContact', 'ListContactReferences', 'SearchContacts',
                     'GetContactRecording', 'ListRealtimeContactAnalysisSegments',
                     'ListRealtimeContactAnalysisSegmentsV2', 'DescribeContactEvaluation',
                     'GetAttachedFile', 'BatchGetAttachedFileMetadata', 'ListContactEvaluations');

-- Voice ID administration, with a flag for values the service redacted.
CREATE OR REPLACE VIEW voiceid_admin AS
SELECT event_time, event_date, actor, event_name, read_only, error_code, request_parameters,
       response_elements,
       coalesce(element_at(request_parameters, 'domainId'), element_at(request_parameters, 'DomainId'),
                element_at(response_elements, 'domain.domainId')) AS domain_id,
       coalesce(any_match(map_values(request_parameters), v -> v = 'HIDDEN_DUE_TO_SECURITY_REASONS'), false)
         OR coalesce(any_match(map_values(response_elements), v -> v = 'HIDDEN_DUE_TO_SECURITY_REASONS'), false)
         AS has_redacted_fields
FROM events
WHERE event_source = 'voiceid.amazonaws.com';

-- Ingest health: one row per run, newest first.
CREATE OR REPLACE VIEW ingest_health AS
SELECT run_id, started_at, ended_at, status, from_date, to_date, files_listed, files_read, files_skipped,
       records_read, records_written, records_duplicate, records_rejected, records_filtered,
       records_read = records_written + records_duplicate + records_rejected + records_filtered AS reconciled,
       message
FROM ingest_runs;

-- Rejects grouped by the kind of reason (the text before the first colon or parenthesis).
CREATE OR REPLACE VIEW rejects_by_reason AS
SELECT trim(regexp_extract(reason, '^([^:(;]+)', 1)) AS reason_kind, count(*) AS rejects,
       count(DISTINCT source_file) AS files, min(delivery_date) AS first_day, max(delivery_date) AS last_day
FROM rejects
GROUP BY 1;

-- Events delivered in a later day folder than the day they happened (late deliveries).
CREATE OR REPLACE VIEW late_deliveries AS
SELECT event_id, event_time, event_date, event_source, event_name, addendum_reason, delivery_date,
       date_diff('day', event_date, delivery_date) AS days_late
FROM (
  SELECT e.*,
         CAST(date_parse(regexp_extract(source_file, '/(\d{4}/\d{2}/\d{2})/[^/]+$', 1), '%Y/%m/%d') AS date)
           AS delivery_date
  FROM events e
) d
WHERE delivery_date > event_date;

-- Every run of every command at its latest state (command_runs is append-only: running, heartbeats,
-- then succeeded, failed or abandoned).
CREATE OR REPLACE VIEW run_status AS
SELECT run_id, command, arguments, status, message, started_at, recorded_at, host, pid, found_by
FROM (SELECT *, row_number() OVER (PARTITION BY run_id
                                   ORDER BY recorded_at DESC, CASE WHEN status = 'running' THEN 1 ELSE 0 END) AS n
      FROM command_runs)
WHERE n = 1;
