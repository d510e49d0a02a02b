"""The Python half of NotebookCellsTest, run by Debian's /usr/bin/python3 (python3-nbformat,
python3-pandas, python3-matplotlib).

  notebook_cells.py validate NOTEBOOK...
      Validates each notebook with nbformat against its own schema (4.5: every cell needs an id);
      prints one line per notebook, exits 1 on the first that fails.
  notebook_cells.py chart CELL_FILE DATA_DIR PNG
      Runs one %%local cell's code (the magic line removed) with the matplotlib Agg backend, after
      loading each DATA_DIR/<name>.jsonl (a %%sql -o <name> result, one JSON object a row, as Spark's
      toJSON writes it) into a pandas DataFrame named <name>, as sparkmagic does; then saves the
      current figure to PNG. A cell that raises, or that draws nothing, exits 1.
"""
import json
import os
import sys


def validate(paths):
    import nbformat

    for path in paths:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
        # From the file's own JSON, not nbformat.read: read() would add missing cell ids itself.
        for cell in raw.get("cells", []):
            if "id" not in cell:
                print(f"{path}: a {cell.get('cell_type')} cell has no id", file=sys.stderr)
                sys.exit(1)
        try:
            nbformat.validate(raw, version=raw["nbformat"], version_minor=raw["nbformat_minor"])
        except nbformat.ValidationError as e:
            print(f"{path}: {e.message}", file=sys.stderr)
            sys.exit(1)
        print(f"{os.path.basename(path)} nbformat {raw['nbformat']}.{raw['nbformat_minor']} valid")


def frame(path):
    """A %%sql -o result as sparkmagic builds it: records, then text columns coerced to numbers or times."""
    import pandas as pd

    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    df = pd.DataFrame(rows)
    for column in df.columns:
        if df[column].dtype != object or not df[column].map(lambda v: isinstance(v, str) or v is None).all():
            continue
        try:
            df[column] = pd.to_numeric(df[column])
            continue
        except (ValueError, TypeError):
            pass
        try:
            df[column] = pd.to_datetime(df[column])
        except (ValueError, TypeError):
            pass
    return df


def chart(cell_file, data_dir, png):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    namespace = {"__name__": "__main__"}
    for name in sorted(os.listdir(data_dir)):
        if name.endswith(".jsonl"):
            namespace[name[: -len(".jsonl")]] = frame(os.path.join(data_dir, name))
    with open(cell_file, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[0].strip() != "%%local":
        print(f"{cell_file}: not a %%local cell", file=sys.stderr)
        sys.exit(1)
    code = "\n".join(lines[1:])
    exec(compile(code, cell_file, "exec"), namespace)
    figures = [plt.figure(n) for n in plt.get_fignums()]
    drawn = [ax for fig in figures for ax in fig.axes if ax.patches or ax.lines or ax.collections]
    if not drawn:
        print(f"{cell_file}: the cell drew no chart", file=sys.stderr)
        sys.exit(1)
    drawn[0].figure.savefig(png)
    print(f"{png}: {sum(len(ax.patches) + len(ax.lines) for ax in drawn)} bars and lines")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "validate":
        validate(sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "chart":
        chart(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
