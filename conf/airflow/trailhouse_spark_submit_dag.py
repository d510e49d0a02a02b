"""Trailhouse with SparkSubmitOperator (a Spark cluster reachable through an Airflow Spark connection).

Same schedule and idempotence as trailhouse_emr_dag.py: ingest day D, then report and verify D-1..D.
Connection spark_default points at the cluster (YARN, Kubernetes or standalone); the jar and the
configuration come from Airflow Variables trailhouse_jar and trailhouse_conf.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.timetables.interval import CronDataIntervalTimetable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = "{{ var.value.get('trailhouse_jar', 's3://YOUR-ARTIFACT-BUCKET/trailhouse/trailhouse-jobs.jar') }}"
CONF = "{{ var.value.get('trailhouse_conf', 's3://YOUR-CONFIG-BUCKET/trailhouse/emr.yaml') }}"
DAY = "{{ ds }}"
PREVIOUS_DAY = "{{ macros.ds_add(ds, -1) }}"

default_args = {
    "owner": "data-platform",
    "retries": 3,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=3),
}

with DAG(
    dag_id="trailhouse_spark_submit",
    description="CloudTrail of Amazon Connect into the Trailhouse lake (spark-submit)",
    # Explicit data-interval timetable: {{ ds }} is the day that ended, on Airflow 2 and 3 alike
    # (Airflow 3 reads a plain cron string as a trigger timetable, where ds would be the run's own day).
    schedule=CronDataIntervalTimetable("0 6 * * *", timezone="UTC"),
    start_date=datetime(2025, 1, 1),
    catchup=True,
    max_active_runs=1,
    default_args=default_args,
    tags=["trailhouse", "cloudtrail", "connect"],
) as dag:
    tasks = []
    for name, args in [
        ("ingest", ["ingest", "--from", DAY, "--to", DAY]),
        ("report", ["report", "--from", PREVIOUS_DAY, "--to", DAY]),
        ("verify", ["verify", "--from", PREVIOUS_DAY, "--to", DAY]),
    ]:
        tasks.append(SparkSubmitOperator(
            task_id=name,
            conn_id="spark_default",
            application=JAR,
            java_class="dev.trailhouse.cli.Main",
            application_args=args + ["--conf", CONF],
            conf={"spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
                  "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog"},
            name=f"trailhouse-{name}",
        ))
    tasks[0] >> tasks[1] >> tasks[2]
