"""A strict stand-in for the airflow modules the Trailhouse DAGs import (Airflow cannot be installed here).

Usage: strict_airflow.py SIGNATURES_JSON VARIABLES_JSON DS DAG_FILE...

Every call of DAG, an operator, CronDataIntervalTimetable or Variable.get is checked against
SIGNATURES_JSON (copied from the Airflow sources): an unknown keyword, a positional argument where
Airflow wants keywords, a missing required argument, a default_args key that no argument of the
operator takes (Airflow drops it silently), a Jinja template in an argument that is not a template
field (Airflow would pass it on as-is), or a templated string ending with a template_ext (Airflow
would read it as a template file) is an error: the script prints "ERROR ..." lines and exits 1.

Otherwise the template fields of every task are rendered with Jinja2 (StrictUndefined, as Airflow
does) for logical day DS, with ds, macros.ds_add and var.value from VARIABLES_JSON, and the graph is
printed as JSON: DAGs, their tasks with the effective and rendered arguments, and the edges.
"""
import datetime
import json
import os
import runpy
import sys
import types

import jinja2
import jinja2.sandbox

SIGNATURES = json.load(open(sys.argv[1]))
VARIABLES = json.load(open(sys.argv[2]))
DS = sys.argv[3]
ERRORS = []
DAGS = []


def error(message):
    ERRORS.append(message)


def check_call(name, spec, args, kwargs):
    positional = spec.get("positional", [])
    if len(args) > len(positional):
        error(f"{name}: {len(args)} positional arguments, at most {len(positional)} allowed ({positional})")
    given = dict(zip(positional, args))
    for key in kwargs:
        if key not in spec["params"]:
            error(f"{name}: unknown keyword {key!r}")
        if key in given:
            error(f"{name}: {key!r} given twice")
    given.update(kwargs)
    for key in spec["required"]:
        if key not in given:
            error(f"{name}: missing required argument {key!r}")
    return given


def operator_chain(type_name):
    chain = []
    while type_name:
        spec = SIGNATURES["operators"][type_name]
        chain.append(spec)
        type_name = spec.get("extends")
    return chain


def jinja_strings(value):
    """Every string inside value (lists, tuples, dict values), as Airflow's renderer walks it."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from jinja_strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from jinja_strings(item)


def has_jinja(value):
    return any("{{" in s or "{%" in s for s in jinja_strings(value))


class DAG:
    current = None

    def __init__(self, *args, **kwargs):
        self.kw = check_call("DAG", SIGNATURES["calls"]["DAG"], args, kwargs)
        self.dag_id = self.kw.get("dag_id")
        self.tasks = []
        self.edges = []
        default_args = self.kw.get("default_args", {})
        if not isinstance(default_args, dict):
            error(f"DAG {self.dag_id}: default_args must be a dict")
        DAGS.append(self)

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None


class BaseOperator:
    def __init__(self, *args, **kwargs):
        name = type(self).__name__
        task_id = kwargs.get("task_id", "?")
        where = f"{name}(task_id={task_id!r})"
        if args:
            error(f"{where}: positional arguments {args!r}; Airflow operators take keywords only")
        chain = operator_chain(name)
        allowed = {p for spec in chain for p in spec["params"]}
        for key in kwargs:
            if key not in allowed:
                error(f"{where}: unknown keyword {key!r}")
        dag = kwargs.get("dag") or DAG.current
        if dag is None:
            error(f"{where}: created outside a DAG")
            return
        default_args = dag.kw.get("default_args", {})
        for key in default_args:
            if key not in allowed:
                error(f"{where}: default_args key {key!r} is no argument of {name}; Airflow would drop it")
        effective = {k: v for k, v in default_args.items() if k in allowed}
        effective.update(kwargs)
        for spec in chain:
            for key in spec["required"]:
                if effective.get(key) is None:
                    error(f"{where}: missing required argument {key!r}")
            for group in spec.get("exactly_one_of", []):
                if sum(effective.get(key) is not None for key in group) != 1:
                    error(f"{where}: exactly one of {group} must be given")
        template_fields = set(chain[0]["template_fields"])
        template_ext = tuple(chain[0]["template_ext"])
        for key, value in effective.items():
            if has_jinja(value) and key not in template_fields:
                error(f"{where}: {key!r} holds a Jinja template but is not a template field of {name}")
            if key in template_fields and template_ext:
                for s in jinja_strings(value):
                    if s.endswith(template_ext):
                        error(f"{where}: {key!r} has {s!r}, which Airflow would read as a template file")
        self.task_id = task_id
        self.type = name
        self.kw = kwargs
        self.effective = effective
        self.template_fields = sorted(template_fields)
        self.dag = dag
        dag.tasks.append(self)

    def _link(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            self.dag.edges.append([self.task_id, task.task_id])

    def __rshift__(self, other):
        self._link(other)
        return other

    def __lshift__(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            task._link(self)
        return other

    def __rrshift__(self, other):
        for task in other:
            task._link(self)
        return self


class CronDataIntervalTimetable:
    def __init__(self, *args, **kwargs):
        kw = check_call("CronDataIntervalTimetable", SIGNATURES["calls"]["CronDataIntervalTimetable"], args, kwargs)
        self.cron = kw.get("cron")
        self.timezone = kw.get("timezone")

    def __str__(self):
        return f"CronDataIntervalTimetable({self.cron},{self.timezone})"


class Variable:
    @classmethod
    def get(cls, *args, **kwargs):
        kw = check_call("Variable.get", SIGNATURES["calls"]["Variable.get"], args, kwargs)
        if kw.get("key") in VARIABLES:
            return VARIABLES[kw["key"]]
        if "default" not in kw:
            error(f"Variable.get: {kw.get('key')!r} is not set and has no default")
        return kw.get("default")


def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, m)
    return m


def operator_class(type_name):
    return type(type_name, (BaseOperator,), {})


module("airflow", DAG=DAG)
module("airflow.sdk", DAG=DAG, Variable=Variable)
module("airflow.models", DAG=DAG, Variable=Variable)
module("airflow.timetables")
module("airflow.timetables.interval", CronDataIntervalTimetable=CronDataIntervalTimetable)
module("airflow.providers")
for type_name, spec in SIGNATURES["operators"].items():
    parts = spec["module"].split(".")
    for i in range(2, len(parts) + 1):
        if ".".join(parts[:i]) not in sys.modules:
            module(".".join(parts[:i]))
    setattr(sys.modules[spec["module"]], type_name, operator_class(type_name))


class VarValue:
    """var.value as Airflow's template context has it: attribute access, or get(key, default)."""

    def __getattr__(self, key):
        if key not in VARIABLES:
            raise KeyError(f"Variable {key} does not exist")
        return VARIABLES[key]

    def get(self, key, default=None):
        return VARIABLES.get(key, default)


def ds_add(ds, days):
    day = datetime.datetime.strptime(ds, "%Y-%m-%d") + datetime.timedelta(days=days)
    return day.strftime("%Y-%m-%d")


ENV = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined)
CONTEXT = {"ds": DS, "macros": types.SimpleNamespace(ds_add=ds_add), "var": types.SimpleNamespace(value=VarValue())}


def render(value):
    if isinstance(value, str):
        return ENV.from_string(value).render(CONTEXT)
    if isinstance(value, (list, tuple)):
        return [render(v) for v in value]
    if isinstance(value, dict):
        return {k: render(v) for k, v in value.items()}
    return value


def plain(value):
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, CronDataIntervalTimetable):
        return str(value)
    return str(value)


for path in sys.argv[4:]:
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    runpy.run_path(path)

out = []
for dag in DAGS:
    tasks = []
    for task in dag.tasks:
        rendered = {}
        for key in task.template_fields:
            if key in task.effective:
                try:
                    rendered[key] = render(task.effective[key])
                except Exception as e:  # an undefined name or variable, a syntax error
                    error(f"{task.type}(task_id={task.task_id!r}): {key!r} does not render: {e}")
        tasks.append({"task_id": task.task_id, "type": task.type, "effective": task.effective, "rendered": rendered})
    kw = dict(dag.kw)
    out.append({"dag_id": dag.dag_id, "schedule": kw.get("schedule"), "start_date": kw.get("start_date"),
                "catchup": kw.get("catchup"), "max_active_runs": kw.get("max_active_runs"),
                "tasks": tasks, "edges": dag.edges})

if ERRORS:
    for message in ERRORS:
        print("ERROR " + message)
    sys.exit(1)
print(json.dumps({"dags": out}, default=plain))
