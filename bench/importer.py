"""What ``qm import`` costs on a 5,000-row table, beside qm's own start-up.

    python bench/importer.py [--runs 7]

Builds tables of 5,000 activities (CSV, text copied out of Word with page numbers and broken
cells, and .xlsx), then runs ``qm import TABLE -o OUT`` on each in a fresh process, all
commands taking turns with ``qm --help`` and the 12-row annex of the shipped notice.  The
table shows medians, each figure's ratio to ``qm --help``, and what the import adds to it.
A second table splits one import, in this process, into its stages (best CPU time of the
runs): reading the table and building the plan, checking it, reading its schedules, writing
the YAML, and the CLI's safety net that validates what it is about to write.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, base_env, interleaved_ms, qm_command, table

HEADER = ["序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注"]
ROWS = 5_000
LEADS = ["质量科", "计量科", "各县（市、区）市场监管局", "执法稽查大队", "消费者权益保护科"]
WHEN = ["9月", "9-10月", "9月中旬", "6月17日至23日", "全年", "9月15日"]


def rows() -> list[list[str]]:
    return [
        [
            str(i),
            f'“质量月”活动{i}："铁拳"行动',
            f"开展第{i}项检查，覆盖辖区重点企业、商超和农贸市场，发现问题及时整改。",
            WHEN[i % len(WHEN)],
            LEADS[i % len(LEADS)],
            "各监管所、办公室" if i % 2 else "计量所",
            "报送总结]" if i % 7 == 0 else "",
        ]
        for i in range(1, ROWS + 1)
    ]


def write_tables(tmp: Path) -> dict[str, Path]:
    data = rows()
    made = {}
    path = tmp / "5000.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["2024年质量月活动安排表"])
        w.writerow(HEADER)
        w.writerows(data)
    made["csv"] = path
    path = tmp / "5000.txt"  # copied out of Word: page numbers, repeated headers, broken cells
    lines = ["附件2", "2024年质量月活动安排表", "\t".join(HEADER)]
    for i, r in enumerate(data, 1):
        content = r[2].replace("，", "，\n", 1) if i % 3 == 0 else r[2]
        lines.append("\t".join([*r[:2], content, *r[3:]]))
        if i % 20 == 0:
            lines += ["", f"— {i // 20 + 1} —", "", "\t".join(HEADER)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    made["text"] = path
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - the office extra is not installed
        return made
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年质量月活动安排表"])
    sheet.append(HEADER)
    for r in data:
        sheet.append([int(r[0]), *r[1:]])
    path = tmp / "5000.xlsx"
    book.save(path)
    made["xlsx"] = path
    return made


def stages(path: Path, runs: int) -> list[tuple[str, float]]:
    """Best CPU milliseconds of each stage of importing ``path`` in this process."""
    sys.path.insert(0, str(ROOT))
    from qualitymonth import importer
    from qualitymonth.plan.validate import parse_plan

    best: dict[str, float] = {}

    def timed(label: str, step: Callable[..., Any], *args: Any) -> Any:
        started = time.process_time()
        value = step(*args)
        spent = (time.process_time() - started) * 1000
        best[label] = min(best.get(label, spent), spent)
        return value

    for _ in range(runs):
        imported = timed("read the table, build the plan", importer.import_table, path)
        timed("check (missing fields, ids)", importer.check, imported)
        timed("read every schedule", importer.schedule_warnings, imported)
        text = timed("write the YAML", importer.plan_yaml, imported)
        timed("CLI safety net: validate the YAML", parse_plan, text, path)
    return list(best.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    qm = qm_command()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        tables = write_tables(tmp)
        env = base_env(QM_CACHE_DIR=str(tmp / "cache"))
        annex = ROOT / "tests" / "fixtures" / "annex2-2023.txt"
        commands = [
            ("qm --help", [*qm, "--help"]),
            ("qm import annex2-2023.txt (12 rows)", [*qm, "import", str(annex), "-o", "-"]),
        ]
        for kind, path in tables.items():
            out = str(tmp / f"{kind}.yaml")
            label = f"qm import {path.name} ({ROWS} rows)"
            commands.append((label, [*qm, "import", str(path), "-o", out, "--force"]))
        times = interleaved_ms([argv for _, argv in commands], args.runs, env)
        split = {kind: stages(path, args.runs) for kind, path in tables.items()}
    base = times[0]
    print(f"median of {args.runs} interleaved runs after a warm-up; ratios to qm --help")
    print(
        table(
            ["command", "ms", "ratio", "import adds ms"],
            [
                [label, f"{ms:.0f}", f"{ms / base:.2f}", f"{ms - base:.0f}"]
                for (label, _), ms in zip(commands, times, strict=True)
            ],
        )
    )
    print()
    print(f"one import in this process, by stage: best CPU ms of {args.runs} runs")
    kinds = list(split)
    labels = [label for label, _ in split[kinds[0]]]
    rows = [[label, *(f"{dict(split[k])[label]:.0f}" for k in kinds)] for label in labels]
    rows.append(["total", *(f"{sum(ms for _, ms in split[k]):.0f}" for k in kinds)])
    print(table(["stage", *(f"{k} ({ROWS} rows)" for k in kinds)], rows))


if __name__ == "__main__":
    main()
