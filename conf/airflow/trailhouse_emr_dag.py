"""Trailhouse on an existing Amazon EMR cluster: a daily DAG and a weekly maintain DAG.

Each task adds one EMR step and waits for it (EmrAddStepsOperator, wait_for_completion=True), so a
failed step fails its task and an Airflow retry adds the step again. Steps are idempotent (see
trailhouse_common.py). Keep the cluster's StepConcurrencyLevel at 1 (EMR's default): if a task gives
up waiting while its step still runs, the retry's step queues behind it instead of running beside it.

Airflow Variables: trailhouse_emr_cluster_id, trailhouse_jar (s3://.../trailhouse-jobs.jar),
trailhouse_conf (s3://.../emr.yaml), trailhouse_start_date (YYYY-MM-DD). Pool: trailhouse_lake, 1 slot.
"""
from airflow import DAG
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator

import trailhouse_common as th

CLUSTER = "{{ var.value.trailhouse_emr_cluster_id }}"


def spark_step(name, args):
    """One EMR step that runs one Trailhouse command with spark-submit in cluster mode."""
    return [{
        "Name": f"trailhouse {name} {th.DAY}",
        "ActionOnFailure": "CONTINUE",
        "HadoopJarStep": {
            "Jar": "command-runner.jar",
            "Args": ["spark-submit", "--deploy-mode", "cluster", "--class", th.MAIN_CLASS,
                     "--conf", "spark.yarn.maxAppAttempts=1",
                     # Delta's DynamoDB log store that conf/emr/configurations.json sets (conf/emr/README.md).
                     "--jars", "local:///usr/share/aws/delta/lib/delta-storage-s3-dynamodb.jar",
                     th.JAR] + th.spark_submit_args(args),
        },
    }]


def chain(commands):
    previous = None
    for name, args in commands:
        task = EmrAddStepsOperator(
            task_id=name,
            job_flow_id=CLUSTER,
            steps=spark_step(name, args),
            wait_for_completion=True,
            waiter_delay=th.WAIT_DELAY_S,
            waiter_max_attempts=th.WAIT_ATTEMPTS,
            aws_conn_id="aws_default",
        )
        if previous is not None:
            previous >> task
        previous = task


with DAG(
    dag_id="trailhouse_emr",
    description="CloudTrail of Amazon Connect into the Trailhouse lake, then the daily reports (EMR)",
    schedule=th.DAILY_SCHEDULE,
    start_date=th.start_date(),
    catchup=False,
    max_active_runs=1,
    default_args=th.DEFAULT_ARGS,
    tags=["trailhouse", "cloudtrail", "connect"],
):
    chain(th.DAILY)

with DAG(
    dag_id="trailhouse_emr_maintain",
    description="Weekly OPTIMIZE and VACUUM of the Trailhouse lake (EMR)",
    schedule=th.WEEKLY_SCHEDULE,
    start_date=th.start_date(),
    catchup=False,
    max_active_runs=1,
    default_args=th.DEFAULT_ARGS,
    tags=["trailhouse", "maintenance"],
):
    chain(th.MAINTAIN)
