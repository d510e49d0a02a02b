"""Trailhouse on Amazon EMR, one run per day.

For logical day D (the run starts after D ends, at 06:00 UTC of D+1):
  1. ingest --from D --to D: lists the delivery folders D and D+1 (lateness_days=1); files already
     ingested are skipped through the manifest, so a re-run or a backfill reads only what is new.
  2. report --from D-1 --to D: day D, and day D-1 again, because events of D-1 delivered late (after
     the previous run) land in D-1's partition now. Reports replace their day exactly.
  3. verify --from D-1 --to D: checks the digests of those days against what was ingested.
Every step is idempotent, so retries, clears and backfills (catchup) are safe. max_active_runs=1
keeps a single writer per Delta table: Delta's default S3 log store assumes one driver at a time.

Airflow Variables: trailhouse_emr_cluster_id, trailhouse_jar (s3://.../trailhouse-jobs.jar),
trailhouse_conf (s3://.../emr.yaml).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.timetables.interval import CronDataIntervalTimetable
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor

CLUSTER = "{{ var.value.trailhouse_emr_cluster_id }}"
JAR = "{{ var.value.get('trailhouse_jar', 's3://YOUR-ARTIFACT-BUCKET/trailhouse/trailhouse-jobs.jar') }}"
CONF = "{{ var.value.get('trailhouse_conf', 's3://YOUR-CONFIG-BUCKET/trailhouse/emr.yaml') }}"
DAY = "{{ ds }}"
PREVIOUS_DAY = "{{ macros.ds_add(ds, -1) }}"


def spark_step(name, args):
    """An EMR step that runs one Trailhouse command with spark-submit in cluster mode."""
    return [{
        "Name": f"trailhouse {name} {DAY}",
        "ActionOnFailure": "CONTINUE",
        "HadoopJarStep": {
            "Jar": "command-runner.jar",
            "Args": ["spark-submit", "--deploy-mode", "cluster", "--class", "dev.trailhouse.cli.Main",
                     "--conf", "spark.yarn.maxAppAttempts=1", JAR] + args + ["--conf", CONF],
        },
    }]


default_args = {
    "owner": "data-platform",
    "retries": 3,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=3),
}

with DAG(
    dag_id="trailhouse_emr",
    description="CloudTrail of Amazon Connect into the Trailhouse lake, then the daily reports",
    # Explicit data-interval timetable: {{ ds }} is the day that ended, on Airflow 2 and 3 alike
    # (Airflow 3 reads a plain cron string as a trigger timetable, where ds would be the run's own day).
    schedule=CronDataIntervalTimetable("0 6 * * *", timezone="UTC"),
    start_date=datetime(2025, 1, 1),
    catchup=True,
    max_active_runs=1,
    default_args=default_args,
    tags=["trailhouse", "cloudtrail", "connect"],
) as dag:
    previous = None
    for name, args in [
        ("ingest", ["ingest", "--from", DAY, "--to", DAY]),
        ("report", ["report", "--from", PREVIOUS_DAY, "--to", DAY]),
        ("verify", ["verify", "--from", PREVIOUS_DAY, "--to", DAY]),
    ]:
        add = EmrAddStepsOperator(
            task_id=f"{name}_add_step",
            job_flow_id=CLUSTER,
            steps=spark_step(name, args),
            aws_conn_id="aws_default",
        )
        wait = EmrStepSensor(
            task_id=f"{name}_wait",
            job_flow_id=CLUSTER,
            step_id="{{ task_instance.xcom_pull(task_ids='" + name + "_add_step', key='return_value')[0] }}",
            aws_conn_id="aws_default",
            poke_interval=60,
            timeout=3 * 3600,
        )
        add >> wait
        if previous is not None:
            previous >> add
        previous = wait
