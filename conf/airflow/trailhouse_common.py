"""What every Trailhouse DAG shares: the commands with their dates, the lake's pool, retries, schedules.

Not a DAG itself; the DAG files import it from the DAGs folder (Airflow puts that folder on sys.path).

Every task of every Trailhouse DAG writes the lake (ingest: events and ledger; report: the daily tables and
files; verify: the verification table; maintain: OPTIMIZE/VACUUM), so every task runs in POOL. Create it with
ONE slot:  airflow pools set trailhouse_lake 1 "one writer per Trailhouse lake"
Delta's default S3 log store allows one writing driver per table at a time; with one slot no ingest or report
ever runs beside maintain, a backfill, or another variant's DAG on the same lake. Use one pool per lake (edit
POOL in a second copy for a second lake).
"""
from datetime import datetime, timedelta, timezone

try:  # Airflow 3
    from airflow.sdk import Variable
except ImportError:  # Airflow 2
    from airflow.models import Variable
from airflow.timetables.interval import CronDataIntervalTimetable

POOL = "trailhouse_lake"

JAR = "{{ var.value.get('trailhouse_jar', 's3://YOUR-ARTIFACT-BUCKET/trailhouse/trailhouse-jobs.jar') }}"
CONF = "{{ var.value.get('trailhouse_conf', 's3://YOUR-CONFIG-BUCKET/trailhouse/emr.yaml') }}"
DAY = "{{ ds }}"
PREVIOUS_DAY = "{{ macros.ds_add(ds, -1) }}"
MAIN_CLASS = "dev.trailhouse.cli.Main"

# For logical day D (the run starts after D ended): ingest D (it also lists folder D+1 for late
# deliveries), then report and verify D-1..D (events of D-1 delivered after the previous run land in
# D-1's partition now; a report replaces its day exactly).
DAILY = [
    ("ingest", ["ingest", "--from", DAY, "--to", DAY]),
    ("report", ["report", "--from", PREVIOUS_DAY, "--to", DAY]),
    ("verify", ["verify", "--from", PREVIOUS_DAY, "--to", DAY]),
]
MAINTAIN = [("maintain", ["maintain"])]

# How long one command may run. The operator waits WAIT_DELAY_S x WAIT_ATTEMPTS (3 h 20 min), the
# task's execution_timeout (4 h) is longer, so the waiter gives up first and the task fails cleanly.
WAIT_DELAY_S = 60
WAIT_ATTEMPTS = 200

# A retry submits the command again (each task submits and waits). Every command is idempotent:
# ingest skips files already in its manifest and commits once, report replaces its days, verify and
# maintain can run any number of times.
DEFAULT_ARGS = {
    "owner": "data-platform",
    "retries": 3,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=4),
    "pool": POOL,
}

# Daily at 06:00 UTC for the day that ended. An explicit data-interval timetable, so that {{ ds }}
# is that day on Airflow 2 and 3 alike (Airflow 3 reads a plain cron string as a trigger timetable).
DAILY_SCHEDULE = CronDataIntervalTimetable("0 6 * * *", timezone="UTC")
# Sundays at 03:00 UTC; the pool makes a daily run that arrives meanwhile wait for it.
WEEKLY_SCHEDULE = CronDataIntervalTimetable("0 3 * * 0", timezone="UTC")


def start_date():
    """The first day of the lake, from Airflow Variable trailhouse_start_date (YYYY-MM-DD).

    Catch-up is off, so this only bounds backfills (no run before it); the first scheduled run is
    the latest finished day. Read at parse time: set it before deploying the DAGs.
    """
    day = Variable.get("trailhouse_start_date", "2025-01-01")
    return datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=timezone.utc)


def spark_submit_args(args):
    """The spark-submit arguments after the jar: the command, its dates, the configuration file."""
    return args + ["--conf", CONF]
