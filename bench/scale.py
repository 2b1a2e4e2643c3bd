"""How qm grows: plans of 12, 1,000 and 10,000 activities with journals of 10x as many events.

    python bench/scale.py [--sizes 12 1000 10000] [--runs 5]

For each size it times, as whole processes, ``list --format json``, ``list`` as a table,
``report --format json`` and ``done``: cold (the plan just changed, so it is validated again)
and warm (the plan cache is valid), the growth per 10x more data, and the peak memory of each.
The first run at each size (the warm-up) builds the journal's index; its time is printed too.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import base_env, median_ms, peak_mb, qm_command, run, table

SCHEDULES = ["9月", "9-10 月", "9月中旬", "全年", "6-10月", "8月-12月", "9月底前", "第三季度",
             "10月-次年3月", "9月15日-10月8日", "上半年", "待定"]  # fmt: skip
DEPTS = ["质量科", "市管科", "执法大队", "特安科", "消保科", "计量所", "办公室", "综合科",
         "法规科", "登记科"]  # fmt: skip
CST = timezone(timedelta(hours=8))


def write_plan(path: Path, n: int, rng: random.Random) -> None:
    lines = [
        "campaign:",
        "  name: 2023年“质量月”活动（汇总）",
        "  year: 2023",
        "  issued: 2023-09-13",
        "departments:",
        "  质量科: [质量监督科]",
        "activities:",
    ]
    for i in range(1, n + 1):
        lines += [
            f"  - id: {i}",
            f"    theme: 第{i}项活动：加强质量宣传，营造“质量月”浓厚氛围",
            "    content: 组织开展检验检测机构“双随机、一公开”监督检查，维护消费者权益。",
            f"    schedule: {rng.choice(SCHEDULES)}",
            f"    lead: {rng.choice(DEPTS)}",
            f"    assist: [{rng.choice(DEPTS)}, 各监管所]",
            '    remark: ""',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_journal(path: Path, n_activities: int, n_events: int, rng: random.Random) -> None:
    start = datetime(2023, 9, 1, 9, tzinfo=CST)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n_events):
            action = rng.choice(["start", "progress", "done", "reopen", "note"])
            event = {
                "v": 1,
                "event": f"{rng.getrandbits(128):032x}",
                "activity": rng.randint(1, n_activities),
                "action": action,
                "date": (date(2023, 9, 1) + timedelta(days=rng.randint(0, 37))).isoformat(),
            }
            if action == "progress":
                event["percent"] = rng.randint(0, 99)
            if rng.random() < 0.6:
                event["note"] = f"第{i}条进展：完成抽查 {rng.randint(1, 50)} 家"
            event["by"] = rng.choice(DEPTS)
            event["recorded_at"] = (start + timedelta(seconds=i * 7)).isoformat()
            f.write(json.dumps(event, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 1000, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    qm = qm_command()
    rng = random.Random(2023)
    commands = [
        ("list --format json", ["list", "--format", "json"]),
        ("list (table)", ["list"]),
        ("report --format json", ["report", "--format", "json"]),
        ("done", ["done", "1", "--force"]),
    ]
    results: dict[tuple[str, int], tuple[float, float, float, float]] = {}
    firsts: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = Path(tmp) / str(n)
            folder.mkdir()
            plan = folder / "campaign-2023.yaml"
            write_plan(plan, n, rng)
            write_journal(folder / "campaign-2023.journal.jsonl", n, 10 * n, rng)
            env = base_env(QM_PLAN=str(plan), QM_CACHE_DIR=str(folder / "cache"))

            def touch(plan: Path = plan) -> None:  # a changed plan: the cache is stale
                st = plan.stat()
                os.utime(plan, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))

            first = run([*qm, *commands[0][1]], env) * 1000  # no index yet
            firsts[n] = first
            for label, argv in commands:
                full = [*qm, *argv]
                cold = median_ms(full, args.runs, env, before=touch)
                warm = median_ms(full, args.runs, env)
                touch()
                cold_mb = peak_mb(full, env)
                results[(label, n)] = (cold, warm, cold_mb, peak_mb(full, env))
                print(f"  measured {label} at {n}", file=sys.stderr)

    rows = []
    for label, _ in commands:
        for i, n in enumerate(args.sizes):
            cold, warm, cold_mb, warm_mb = results[(label, n)]
            if i:
                prev_cold, prev_warm, _, _ = results[(label, args.sizes[i - 1])]
                tens = math.log10(n / args.sizes[i - 1])  # how many 10x steps of data
                per_cold, per_warm = (
                    (cold / prev_cold) ** (1 / tens),
                    (warm / prev_warm) ** (1 / tens),
                )
                growth = f"{per_cold:.1f}x / {per_warm:.1f}x"
            else:
                growth = "-"
            rows.append(
                [label, f"{n:,}", f"{10 * n:,}", f"{cold:.0f}", f"{warm:.0f}", growth,
                 f"{cold_mb:.0f} / {warm_mb:.0f}"]
            )  # fmt: skip
    print(f"median of {args.runs} runs; growth is per 10x more data (cold / warm)")
    header = ["command", "activities", "events", "cold ms", "warm ms", "growth", "peak MB c/w"]
    print(table(header, rows))
    print("first run (plan validated, journal indexed): " + ", ".join(
        f"{n:,}: {ms:.0f} ms" for n, ms in firsts.items()
    ))  # fmt: skip


if __name__ == "__main__":
    main()
