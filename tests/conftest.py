"""Shared fixtures: the shipped plan, a CliRunner wrapper and a real-subprocess runner."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from qualitymonth.cli import app

# Hypothesis budgets: "ci" (the default) keeps the suite quick; bench/fuzz.py runs "long".
settings.register_profile("ci", max_examples=40)
settings.register_profile("long", max_examples=int(os.environ.get("QM_FUZZ_EXAMPLES", "3000")))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
#: The plan as shipped in the working copy: read it, never run qm on it (its journal beside
#: it is the user's own, if they have used qm in the clone).
SHIPPED_SOURCE = ROOT / "data" / "campaign-2023.yaml"
#: A copy of the shipped plan in a folder of this test process's own, with no journal: what
#: the tests run qm on, whatever the user has recorded in the clone.
WORKDIR = Path(tempfile.mkdtemp(prefix="qm-tests-"))
atexit.register(shutil.rmtree, WORKDIR, True)
(WORKDIR / "data").mkdir()
SHIPPED = WORKDIR / "data" / "campaign-2023.yaml"
shutil.copyfile(SHIPPED_SOURCE, SHIPPED)


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets a home and a cache folder of its own, and runs in a folder holding a
    copy of the shipped plan: nothing reads or writes the user's real cache, and the working
    copy's journal never counts."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    monkeypatch.setenv("QM_CACHE_DIR", str(home / ".cache" / "qm"))
    for name in ("QM_PLAN", "QM_JOURNAL", "QM_TODAY", "QM_LANG", "QM_USER", "QM_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(WORKDIR)


# The activity table of annex 2 of 永市监质〔2023〕35号, copied from the notice: the facts the
# shipped plan must encode.  (序号, 时间安排, 牵头部门, 协办单位)
ANNEX2 = [
    (1, "9 月", "质量科", ["办公室"]),
    (2, "9-10 月", "质量科", ["各监管所"]),
    (3, "9 月", "质量科", ["各监管所"]),
    (4, "9 月", "质量科", ["计量所"]),
    (5, "6-10月", "质量科", ["各监管所"]),
    (6, "9月中旬", "市管科", ["各监管所"]),
    (7, "9月", "执法大队", ["各监管所"]),
    (8, "9月", "特安科", ["各监管所"]),
    (9, "9月", "执法大队", ["各监管所"]),
    (10, "全年", "消保科", ["各监管所"]),
    (11, "8月-12月", "消保科", ["各监管所"]),
    (12, "9月-10月", "质量科", ["各监管所"]),
]


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


Invoke = Callable[..., Run]


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One plan cache for the whole run, never the user's own."""
    return tmp_path_factory.mktemp("qm-cache")


@pytest.fixture
def qm(cache_dir: Path) -> Invoke:
    """Run ``qm`` in-process through Typer's CliRunner, stdout and stderr apart.

    "Today" is pinned to 2023-09-20 unless a test says otherwise.
    """
    runner = CliRunner()

    def invoke(
        *args: str, env: dict[str, str | None] | None = None, input: str | None = None
    ) -> Run:
        full_env: dict[str, str | None] = {
            "QM_TODAY": "2023-09-20", "QM_LANG": "", "COLUMNS": "100", "NO_COLOR": "1",
            "FORCE_COLOR": None, "QM_CACHE_DIR": str(cache_dir),
        }  # fmt: skip
        full_env.update(env or {})
        result = runner.invoke(app, list(args), env=full_env, input=input, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def qm_process(cache_dir: Path) -> Invoke:
    """Run ``python -m qualitymonth`` as a real process (for encoding, pipes, locking)."""

    def run(
        *args: str,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        input: str | None = None,
    ) -> Run:
        full_env = {
            k: v for k, v in os.environ.items() if not k.startswith(("QM_", "COLUMNS", "NO_COLOR"))
        }
        full_env.update(
            {"QM_TODAY": "2023-09-20", "PYTHONIOENCODING": "utf-8", "QM_CACHE_DIR": str(cache_dir)}
        )
        full_env.update(env or {})
        proc = subprocess.run(
            [sys.executable, "-m", "qualitymonth", *args],
            capture_output=True,
            env=full_env,
            cwd=cwd or WORKDIR,
            input=input.encode() if input else None,
            timeout=60,
        )
        return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))

    return run


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the shipped plan in its own folder (the journal goes beside it)."""
    path = tmp_path / "data" / "campaign-2023.yaml"
    path.parent.mkdir()
    shutil.copyfile(SHIPPED, path)
    return path


@pytest.fixture
def plan_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write a plan text to a file and return its path."""

    def write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


MINIMAL = """\
campaign:
  name: 测试活动
  year: 2023
  issued: 2023-09-13
activities:
  - id: 1
    theme: 宣传
    schedule: 9月
    lead: 质量科
"""

# A plan with a duplicate id, an unreadable schedule and a missing lead (lines 9, 11, 13).
BROKEN = """\
campaign:
  name: 测试
  year: 2023
activities:
  - id: 1
    theme: 宣传
    schedule: 9月
    lead: 质量科
  - id: 1
    theme: 讲座
    schedule: 某个时候
    lead: 质量科
  - id: 3
    theme: 抽查
    schedule: 9月
"""
