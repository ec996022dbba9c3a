"""No tracebacks for users: every command reports a failure as one line and a non-zero
exit code (``--debug`` shows the traceback), and an unexpected error inside one
document is that document's recorded failure, not the run's end."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from bad_inputs import _warc
from click.testing import CliRunner
from fault_texts import article_text, rasd_command

from rasd.cli.main import main
from rasd.errors import StoreError
from rasd.ingest import docs as ingest_docs
from rasd.store import open_store

# Every command that opens the database, with the arguments it needs besides --db.
DB_COMMANDS = [
    ["ingest", "{article}"], ["run", "{article}"], ["docs", "list"], ["docs", "show", "x"],
    ["failures"], ["runs"], ["events", "list"], ["events", "show", "x"], ["export"],
    ["watch", "{feeds}", "--once"], ["sources"],
]


def _invoke(args: list[str]) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output, result.exception


def _one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, str]:
    article = tmp_path / "article.txt"
    article.write_text(article_text(0), encoding="utf-8")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/rss.xml\n", encoding="utf-8")
    not_db = tmp_path / "notes.db"
    not_db.write_bytes("هذا ملف نصي وليس قاعدة بيانات\n".encode() * 200)
    return {"article": str(article), "feeds": str(feeds), "not_db": str(not_db)}


@pytest.mark.parametrize("command", DB_COMMANDS, ids=[" ".join(c[:2]) for c in DB_COMMANDS])
def test_a_file_that_is_not_a_database_is_one_line(command: list[str],
                                                   files: dict[str, str]) -> None:
    args = [a.format(**files) for a in command] + ["--db", f"sqlite:///{files['not_db']}"]
    code, out, _exc = _invoke(args)
    assert code == 1
    assert "is not a database" in _one_error_line(out)


def test_debug_shows_the_traceback_instead(files: dict[str, str]) -> None:
    code, out, exc = _invoke(["--debug", "docs", "list", "--db", files["not_db"]])
    assert code == 1 and isinstance(exc, StoreError)
    assert "error:" not in out
    proc = subprocess.run([*rasd_command(), "--debug", "runs", "--db", files["not_db"]],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "Traceback" in proc.stderr
    proc = subprocess.run([*rasd_command(), "runs", "--db", files["not_db"]],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ")


def test_an_unexpected_error_in_a_command_is_one_line(files: dict[str, str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.store.base import Store

    def broken(self: Store, **_kw: object) -> None:
        raise KeyError("no such column\nsecond line")

    monkeypatch.setattr(Store, "list_runs", broken)
    db = f"sqlite:///{tmp_path / 'r.db'}"
    code, out, _exc = _invoke(["runs", "--db", db])
    line = _one_error_line(out)
    assert code == 1
    assert line.startswith("error: unexpected KeyError") and "--debug" in line
    code, _out, exc = _invoke(["--debug", "runs", "--db", db])
    assert code == 1 and isinstance(exc, KeyError)


def test_interrupt_is_one_line_and_exit_130(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.store.base import Store

    def interrupted(self: Store, **_kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "list_runs", interrupted)
    code, out, _exc = _invoke(["runs", "--db", f"sqlite:///{tmp_path / 'r.db'}"])
    assert code == 130 and out.strip() == "interrupted"


def test_unreachable_postgres_is_one_line() -> None:
    # Port 9 (discard) on this machine: nothing listens, the connection is refused at once.
    code, out, _exc = _invoke(["runs", "--db", "postgresql://rasd@127.0.0.1:9/none"])
    assert code == 1
    assert "cannot connect to PostgreSQL" in _one_error_line(out)


def test_an_unexpected_error_inside_one_document_is_its_failure(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(article_text(20 + i), encoding="utf-8")
    real = ingest_docs.document_from_text

    def fragile(text: str, **kw: object):  # type: ignore[no-untyped-def]
        if "عدن" in text:  # article 21 is the one from Aden
            raise ZeroDivisionError("division by zero")
        return real(text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr("rasd.ingest.reader.document_from_text", fragile)
    db = f"sqlite:///{tmp_path / 'r.db'}"
    code, out, _exc = _invoke(["ingest", str(folder), "--db", db, "--quiet"])
    assert code == 0, out
    assert "stored: 2" in out and "failed: 1" in out
    with open_store(db) as store:
        [failure] = store.list_failures()
    assert failure.origin.endswith("a1.txt")
    assert failure.reason == "internal error: ZeroDivisionError: division by zero"


def test_a_corrupt_warc_record_reports_the_problem(tmp_path: Path) -> None:
    whole = _warc(3, gz=False)
    # The second record's WARC-Target-URI garbled, as a damaged disk leaves it: the
    # WARC reader used to fail with an AttributeError, which reached the user as such.
    first, second, third = whole.split(b"WARC/1.0\r\n")[1:]
    second = second.replace(b"WARC-Target-URI:", b"WARC-Tar\x00et-URI:", 1)
    # and a space in the first one's URI, which warcio repairs and used to announce on stderr
    first = first.replace(b"/2024/", b"/20 24/", 1)
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"WARC/1.0\r\n" + b"WARC/1.0\r\n".join([first, second, third]))
    db = f"sqlite:///{tmp_path / 'r.db'}"
    # A real process: pytest's log capture would hide what logging prints on a terminal.
    proc = subprocess.run([*rasd_command(), "ingest", str(path), "--db", db, "--quiet"],
                          capture_output=True, text=True, timeout=120)
    code, out = proc.returncode, proc.stdout + proc.stderr
    assert code == 0, out
    assert "Error" not in out and "Traceback" not in out and "Replacing" not in out
    [failed] = [line for line in out.splitlines() if line.startswith("failed:")]
    assert "record 2 has a damaged WARC header" in failed
    assert "stored: 1" in out


def test_a_fault_in_the_store_mid_run_names_the_stage(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.store.sqlite import SQLiteStore

    article = tmp_path / "a.txt"
    article.write_text(article_text(23), encoding="utf-8")
    real = SQLiteStore.commit
    calls = io.StringIO()

    def full_disk(self: SQLiteStore) -> None:
        calls.write("x")
        if len(calls.getvalue()) > 3:  # after the migrations and the run's start
            raise StoreError(f"SQLite database {self.path!r}: database or disk is full")
        real(self)

    monkeypatch.setattr(SQLiteStore, "commit", full_disk)
    code, out, _exc = _invoke(["ingest", str(article), "--db", str(tmp_path / "r.db")])
    assert code == 1
    line = _one_error_line(out)
    assert "stage 'store' failed" in line and "disk is full" in line
