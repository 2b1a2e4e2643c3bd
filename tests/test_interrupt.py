"""Waiting for another writer's lock says so after a second; Ctrl-C while waiting says one
sentence, writes nothing and exits 130."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SHIPPED

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def test_a_lock_wait_is_said_and_ctrl_c_writes_nothing(tmp_path: Path) -> None:
    from filelock import FileLock

    plan = tmp_path / "data" / "campaign-2023.yaml"
    plan.parent.mkdir()
    shutil.copyfile(SHIPPED, plan)
    journal = plan.with_name("campaign-2023.journal.jsonl")
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.update({"QM_TODAY": "2023-09-28", "QM_CACHE_DIR": str(tmp_path / "cache")})
    held = FileLock(str(journal) + ".lock")
    with held:
        proc = subprocess.Popen(
            [sys.executable, "-m", "qualitymonth", "--plan", str(plan), "done", "5"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tmp_path,
        )
        assert proc.stderr is not None
        waited = proc.stderr.readline().decode("utf-8")  # blocks until qm says it waits
        assert "等待" in waited and "Ctrl-C" in waited
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.decode("utf-8").strip() == "已中断，未写入任何内容"
    assert out == b""
    assert not journal.exists() or journal.read_bytes() == b""


def test_a_short_wait_goes_unmentioned(tmp_path: Path) -> None:
    plan = tmp_path / "data" / "campaign-2023.yaml"
    plan.parent.mkdir()
    shutil.copyfile(SHIPPED, plan)
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.update({"QM_TODAY": "2023-09-28", "QM_CACHE_DIR": str(tmp_path / "cache")})
    run = subprocess.run(
        [sys.executable, "-m", "qualitymonth", "--plan", str(plan), "done", "5"],
        capture_output=True, env=env, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0 and run.stderr == b""
