"""Trailhouse with SparkSubmitOperator (a Spark cluster reachable through an Airflow Spark connection).

Same commands, dates, pool, retries and schedules as trailhouse_emr_dag.py: a daily DAG and a weekly
maintain DAG. The task submits the application and ends when it ends, so a retry submits it again.
Connection spark_default points at the cluster (YARN, Kubernetes or standalone).
"""
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

import trailhouse_common as th


def chain(commands):
    previous = None
    for name, args in commands:
        task = SparkSubmitOperator(
            task_id=name,
            conn_id="spark_default",
            application=th.JAR,
            java_class=th.MAIN_CLASS,
            application_args=th.spark_submit_args(args),
            conf={"spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
                  "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog"},
            name=f"trailhouse-{name}",
        )
        if previous is not None:
            previous >> task
        previous = task


with DAG(
    dag_id="trailhouse_spark_submit",
    description="CloudTrail of Amazon Connect into the Trailhouse lake (spark-submit)",
    schedule=th.DAILY_SCHEDULE,
    start_date=th.start_date(),
    catchup=False,
    max_active_runs=1,
    default_args=th.DEFAULT_ARGS,
    tags=["trailhouse", "cloudtrail", "connect"],
):
    chain(th.DAILY)

with DAG(
    dag_id="trailhouse_spark_submit_maintain",
    description="Weekly OPTIMIZE and VACUUM of the Trailhouse lake (spark-submit)",
    schedule=th.WEEKLY_SCHEDULE,
    start_date=th.start_date(),
    catchup=False,
    max_active_runs=1,
    default_args=th.DEFAULT_ARGS,
    tags=["trailhouse", "maintenance"],
):
    chain(th.MAINTAIN)
