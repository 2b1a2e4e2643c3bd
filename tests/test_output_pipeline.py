"""The output pipeline as a user meets it: -o and --force for every command, binary formats
written whole to a file, a format a command does not have refused, nothing half written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from .conftest import ROOT, SHIPPED, Invoke

JOURNAL = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"
BASE = ("--plan", str(SHIPPED), "--journal", str(JOURNAL), "--as-of", "2023-10-08")
ENV = {"QM_TODAY": "2023-10-08"}


@pytest.mark.parametrize(
    ("command", "fmt"),
    [(("list",), "json"), (("report", "--month", "9"), "md"), (("log",), "csv"),
     (("show", "5"), "json"), (("agenda",), "md"), (("depts",), "csv")],
)  # fmt: skip
def test_every_command_writes_to_a_file_what_it_prints(
    qm: Invoke, tmp_path: Path, command: tuple[str, ...], fmt: str
) -> None:
    printed = qm(*BASE, *command, "-f", fmt, env=ENV)
    target = tmp_path / f"out.{fmt}"
    written = qm(*BASE, *command, "-f", fmt, "-o", str(target), env=ENV)
    assert (written.code, written.stdout, written.stderr) == (0, "", "")
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    dash = qm(*BASE, *command, "-f", fmt, "-o", "-", env=ENV)
    assert dash.stdout == printed.stdout


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_an_existing_file_is_replaced_only_with_force(qm: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the clerk's own file")
    refused = qm(*BASE, "report", "-f", "xlsx", "-o", str(target), env=ENV)
    assert refused.code == 1 and "--force" in refused.stderr and refused.stdout == ""
    assert target.read_bytes() == b"the clerk's own file"
    forced = qm(*BASE, "report", "-f", "xlsx", "-o", str(target), "--force", env=ENV)
    assert forced.code == 0, forced.stderr
    assert target.read_bytes()[:2] == b"PK"


BINARY = [("report", "docx"), ("report", "xlsx"), ("report", "html"), ("list", "ics"),
          ("list", "xlsx")]  # fmt: skip


@pytest.mark.parametrize(("command", "fmt"), BINARY)
def test_a_binary_format_needs_a_file(qm: Invoke, command: str, fmt: str) -> None:
    run = qm(*BASE, command, "-f", fmt, env=ENV)
    assert (run.code, run.stdout) == (2, "")
    assert "-o" in run.stderr and "\n" not in run.stderr.strip()


def test_a_format_the_command_does_not_write_is_a_usage_error(qm: Invoke, tmp_path: Path) -> None:
    run = qm(*BASE, "show", "5", "-f", "xlsx", "-o", str(tmp_path / "x.xlsx"), env=ENV)
    assert run.code == 2 and "table, json, csv, md" in run.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_help_names_each_commands_own_formats(qm: Invoke) -> None:
    assert "table, json, csv, md, docx, xlsx, html" in qm("report", "--help").stdout
    assert "xlsx" not in qm("show", "--help").stdout


def test_an_unwritable_target_changes_nothing(qm: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        run = qm(*BASE, "list", "-f", "json", "-o", str(folder / "a.json"), env=ENV)
    finally:
        folder.chmod(0o700)
    if os.geteuid() == 0:  # root writes anywhere: the write must then be whole
        assert run.code == 0 and json.loads((folder / "a.json").read_text(encoding="utf-8"))
    else:
        assert run.code == 1 and "a.json" in run.stderr
        assert list(folder.iterdir()) == []


def test_a_directory_as_target_is_refused(qm: Invoke, tmp_path: Path) -> None:
    run = qm(*BASE, "list", "-f", "json", "-o", str(tmp_path), env=ENV)
    assert run.code == 1 and "目录" in run.stderr


@pytest.mark.parametrize(
    ("command", "name", "magic"),
    [(("report", "--month", "9"), "总结.docx", b"PK"), (("list",), "台账.xlsx", b"PK"),
     (("report",), "质量月.html", b"<!DOCTYPE html>"), (("list",), "a.json", b"[")],
)  # fmt: skip
def test_without_format_the_file_name_decides(
    qm: Invoke, tmp_path: Path, command: tuple[str, ...], name: str, magic: bytes
) -> None:
    target = tmp_path / name
    run = qm(*BASE, *command, "-o", str(target), env=ENV)
    assert run.code == 0, run.stderr
    assert target.read_bytes().startswith(magic)


def test_a_format_that_contradicts_the_file_name_is_refused(qm: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "总结.xlsx"
    run = qm(*BASE, "report", "--format", "docx", "-o", str(target), env=ENV)
    assert run.code == 2 and ".xlsx" in run.stderr and not target.exists()
    form = tmp_path / "表.txt"
    run = qm(*BASE, "form", "--dept", "质量科", "-o", str(form), env=ENV)
    assert run.code == 2 and not form.exists()
