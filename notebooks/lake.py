"""Opens the Trailhouse tables in a PySpark session: by catalog database or by warehouse path.

Used by every notebook's setup cell. The views come from views.sql beside this file, the same file
`trailhouse sql` uses, so a notebook and the command line always see the same definitions.
"""
import os

TABLES = ["events", "rejects", "ingested_files", "ingest_runs", "access_daily", "changes_daily", "verification"]


def open_lake(spark, warehouse=None, database=None, views_file=None):
    """Registers each table as a temporary view by its name, then the shared views."""
    for table in TABLES:
        try:
            if database:
                df = spark.table(f"{database}.{table}")
            else:
                df = spark.read.format("delta").load(f"{warehouse.rstrip('/')}/{table}")
            df.createOrReplaceTempView(table)
        except Exception as e:  # a table not written yet (e.g. no report run): its views are skipped
            print(f"table {table} not available: {str(e).splitlines()[0]}")
    path = views_file or os.path.join(os.path.dirname(os.path.abspath(__file__)), "views.sql")
    for statement in statements(open(path, encoding="utf-8").read()):
        try:
            spark.sql(statement)
        except Exception as e:
            print(f"view skipped: {str(e).splitlines()[0]}")


def statements(sql):
    """Splits SQL text at semicolons that end a line; drops comment lines (same rule as the job)."""
    out, cur = [], []
    for line in sql.split("\n"):
        t = line.strip()
        if not t or t.startswith("--"):
            continue
        if t.endswith(";"):
            cur.append(line[: line.rfind(";")])
            out.append("\n".join(cur).strip())
            cur = []
        else:
            cur.append(line)
    if "".join(cur).strip():
        out.append("\n".join(cur).strip())
    return out
