"""Trailhouse on an EMR Serverless application: a daily DAG and a weekly maintain DAG.

Each task starts one job run and waits for it (EmrServerlessStartJobOperator,
wait_for_completion=True), so a failed run fails its task and an Airflow retry starts a new run
(the operator gives each try a new client token). Job runs are idempotent (see trailhouse_common.py).
The run's executionTimeoutMinutes (180) ends it before the operator stops waiting (200 min); if the
operator does give up, or the task is killed, it cancels the run. Create the application from
conf/emr-serverless/application.json: maxConcurrentRuns=1 queues any overlapping run.

Airflow Variables: trailhouse_emr_serverless_application_id, trailhouse_emr_serverless_role_arn,
trailhouse_jar, trailhouse_conf, trailhouse_logs (s3://.../logs/), trailhouse_start_date.
Pool: trailhouse_lake, 1 slot.
"""
from airflow import DAG
from airflow.providers.amazon.aws.operators.emr import EmrServerlessStartJobOperator

import trailhouse_common as th

APPLICATION = "{{ var.value.trailhouse_emr_serverless_application_id }}"
ROLE = "{{ var.value.trailhouse_emr_serverless_role_arn }}"
LOGS = "{{ var.value.get('trailhouse_logs', 's3://YOUR-LOG-BUCKET/trailhouse/emr-serverless/') }}"
RUN_TIMEOUT_MIN = 180

# EMR's own Delta (EMR Serverless 7.x: delta-spark.jar and delta-storage.jar), as in
# conf/emr-serverless/start-job-run-*.json.
SPARK_SUBMIT_PARAMETERS = " ".join([
    "--class", th.MAIN_CLASS,
    "--conf", "spark.jars=/usr/share/aws/delta/lib/delta-spark.jar,/usr/share/aws/delta/lib/delta-storage.jar",
    "--conf", "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension",
    "--conf", "spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog",
])


def job_driver(args):
    return {"sparkSubmit": {
        "entryPoint": th.JAR,
        "entryPointArguments": th.spark_submit_args(args),
        "sparkSubmitParameters": SPARK_SUBMIT_PARAMETERS,
    }}


def chain(commands):
    previous = None
    for name, args in commands:
        task = EmrServerlessStartJobOperator(
            task_id=name,
            application_id=APPLICATION,
            execution_role_arn=ROLE,
            job_driver=job_driver(args),
            configuration_overrides={"monitoringConfiguration": {"s3MonitoringConfiguration": {"logUri": LOGS}}},
            config={"executionTimeoutMinutes": RUN_TIMEOUT_MIN},
            name=f"trailhouse {name} {th.DAY}",
            wait_for_completion=True,
            waiter_delay=th.WAIT_DELAY_S,
            waiter_max_attempts=th.WAIT_ATTEMPTS,
            aws_conn_id="aws_default",
        )
        if previous is not None:
            previous >> task
        previous = task


with DAG(
    dag_id="trailhouse_emr_serverless",
    description="CloudTrail of Amazon Connect into the Trailhouse lake, then the daily reports (EMR Serverless)",
    schedule=th.DAILY_SCHEDULE,
    start_date=th.start_date(),
    catchup=False,
    max_active_runs=1,
    default_args=th.DEFAULT_ARGS,
    tags=["trailhouse", "cloudtrail", "connect"],
):
    chain(th.DAILY)

with DAG(
    dag_id="trailhouse_emr_serverless_maintain",
    description="Weekly OPTIMIZE and VACUUM of the Trailhouse lake (EMR Serverless)",
    schedule=th.WEEKLY_SCHEDULE,
    start_date=th.start_date(),
    catchup=False,
    max_active_runs=1,
    default_args=th.DEFAULT_ARGS,
    tags=["trailhouse", "maintenance"],
):
    chain(th.MAINTAIN)
