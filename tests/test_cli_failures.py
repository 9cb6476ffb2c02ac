"""Every way `kb` can fail is one `Feil:` line and a non-zero exit, and leaves the data as it
was: hostile Word files, files too large or not reports, a full disk, a read-only folder,
a damaged index, a second writer, a search out of time, a setting that cannot be read."""
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from cli import main
from hostile import DEEP_XML, ENTITY_BOMB, random_words, word_file, zip_bomb_parts
from kb import fingerprint
from kb.config import load_config
from kb.database import make_engine
from kb.index import live_dir, manifest
from report_2025 import INPUTS

FIXTURES = Path(__file__).parent / "fixtures"
WORD_2016 = FIXTURES / "2016-syntetisk-organisasjonsinnspill.docx"
KB = Path(sys.executable).parent / "kb"


@pytest.fixture
def kb(tmp_path, monkeypatch):
    """Run `kb` in-process on a data folder of its own; return (result, stdout, stderr)."""
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KB_DATABASE_URL", raising=False)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False, prog_name="kb")
    return invoke


def state(folder: Path) -> tuple:
    """Return what the data folder holds: the database's fingerprint, the live generation
    and what it was built from."""
    config = load_config(folder)
    engine = make_engine(config)
    try:
        with Session(engine) as session:
            stored = fingerprint.of_database(session)
    finally:
        engine.dispose()
    live = live_dir(config)
    return stored, live and live.name, live and manifest(live)["database"]


def one_error_line(result, *words: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Feil:")]
    assert len(errors) == 1, result.stderr
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


@pytest.fixture
def ingested(kb, tmp_path, report_path):
    assert kb("ingest", str(report_path)).exit_code == 0
    return tmp_path / "data"


@pytest.mark.parametrize("name, build, words", [
    ("bombe.docx", lambda t: word_file(t, WORD_2016, extra=zip_bomb_parts()),
     ("pakker seg ut til 300 MB",)),
    ("latter.docx", lambda t: word_file(t, WORD_2016, {"word/document.xml": ENTITY_BOMB}),
     ("dokumenttypedeklarasjon",)),
    ("dyp.docx", lambda t: word_file(t, WORD_2016, {"word/document.xml": DEEP_XML}),
     ("kan ikke leses", "skadet")),
    ("tull.txt", lambda t: random_words(t, 1), ("ser ikke", "norske ord")),
    ("stor.txt", lambda t: random_words(t, 50, real=True), ("50 MB", "KB_MAX_FILE_MB")),
])
def test_hostile_and_implausible_reports_are_refused(kb, ingested, tmp_path, name, build, words):
    before = state(ingested)
    hostile = build(tmp_path / name)
    one_error_line(kb("ingest", "--year", "2016", str(hostile)), name, *words)
    assert state(ingested) == before


def test_a_report_with_more_inputs_than_allowed_is_refused(kb, tmp_path, report_path,
                                                           monkeypatch):
    monkeypatch.setenv("KB_MAX_INPUTS", "100")
    one_error_line(kb("ingest", str(report_path)), f"gir {INPUTS} tekster", "KB_MAX_INPUTS")
    assert "Databasen er tom" in kb("stats").stdout


def test_the_file_size_limit_is_a_setting(kb, tmp_path, monkeypatch):
    monkeypatch.setenv("KB_MAX_FILE_MB", "0,01")
    small = tmp_path / "2016.txt"
    small.write_text((FIXTURES / "2016-syntetisk-dialogkonferanse.txt").read_text("utf-8") * 12,
                     "utf-8")
    one_error_line(kb("ingest", "--year", "2016", str(small)), "filen er 0,01 MB",
                   "den største rapportfilen som tas inn, er 0,01 MB (KB_MAX_FILE_MB)")


def test_control_characters_are_removed_at_ingest(kb, tmp_path):
    text = (FIXTURES / "2016-syntetisk-dialogkonferanse.txt").read_text("utf-8")
    report = tmp_path / "2016-kontroll.txt"
    report.write_text(text.replace("- ", "- \x01Bjelle\x07 ", 1), "utf-8")
    assert kb("ingest", "--year", "2016", str(report)).exit_code == 0
    found = kb("search", "Bjelle").stdout
    assert "Bjelle" in found and "\x01" not in found and "\x07" not in found


@pytest.mark.parametrize("setting, value", [("KB_SEARCH_SECONDS", "raskt"),
                                            ("KB_MAX_FILE_MB", "-1"),
                                            ("KB_BASE_URL", "ftp://x")])
def test_a_setting_that_cannot_be_used_is_one_line(kb, monkeypatch, setting, value):
    monkeypatch.setenv(setting, value)
    one_error_line(kb("stats"), setting)


def test_a_search_out_of_time_is_one_line(kb, ingested, monkeypatch):
    monkeypatch.setenv("KB_SEARCH_SECONDS", "0.001")
    one_error_line(kb("search", "språkkravene~2"), "Søket tok for lang tid", "smalere")


# The index: damaged, stale, rebuilt with one line saying so.

@pytest.mark.parametrize("damage", ["empty pointer", "corrupt pointer", "empty generation",
                                    "corrupt segment", "missing generation"])
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_damaged_index_is_one_line_in_stats_and_rebuilt_by_search(kb, ingested, damage):
    config = load_config(ingested)
    live = live_dir(config)
    if damage == "empty pointer":
        (config.index_dir / "CURRENT").write_text("")
    elif damage == "corrupt pointer":
        (config.index_dir / "CURRENT").write_bytes(b"\x00\xffgen-../../etc")
    elif damage == "empty generation":
        for file in live.iterdir():
            file.unlink()
    elif damage == "corrupt segment":
        for file in live.glob("*.seg"):
            file.write_bytes(file.read_bytes()[: file.stat().st_size // 3])
    else:
        shutil.rmtree(live)
    stats = kb("stats")
    assert stats.exit_code == 0 and "Traceback" not in stats.output
    assert "Søkeindeksen er skadet – kjør «kb reindex»" in stats.stdout
    found = kb("search", "språkkrav")
    assert found.exit_code == 0 and found.stdout.startswith("3 treff")
    assert found.stderr.strip().splitlines() == [found.stderr.strip()]
    assert "skadet" in found.stderr and "Bygger den på nytt" in found.stderr
    assert f"Søkeindeks: {INPUTS} tekster, i takt med databasen" in kb("stats").stdout


def test_an_ingest_that_died_before_its_index_swap_is_repaired_by_the_next(
        kb, ingested, report_path, monkeypatch):
    from kb import index as kb_index

    class Killed(BaseException):
        """The process dies right after the database commit, before the index swap."""

    def killed(engine, config, *rest, **named):
        raise Killed()
    monkeypatch.setattr(kb_index, "rebuild", killed)
    monkeypatch.setattr(sys.modules["cli.main"], "rebuild", killed)
    monkeypatch.setattr(sys.modules["cli.main"], "update", killed)
    variant = ingested.parent / "2025-variant.txt"
    variant.write_text(report_path.read_text("utf-8").replace("rigide", "stive"), "utf-8")
    shutil.copy(report_path.with_suffix(".yaml"), variant.with_suffix(".yaml"))
    with pytest.raises(Killed):
        kb("ingest", str(variant))
    monkeypatch.undo()
    monkeypatch.setenv("KB_DATA_DIR", str(ingested))
    assert "Søkeindeksen er utdatert – kjør «kb reindex»" in kb("stats").stdout
    again = kb("ingest", str(variant))  # the same file: unchanged, but the index is repaired
    assert again.exit_code == 0 and "uendret" in again.stdout
    assert "utdatert" in again.stderr and "bygget på nytt" in again.stdout
    assert "i takt med databasen" in kb("stats").stdout
    assert "stive" in kb("search", "stive").stdout


# Writers: one at a time.

def test_a_second_writer_fails_with_one_line_when_it_will_not_wait(kb, ingested, monkeypatch):
    from kb.lock import writing
    monkeypatch.setenv("KB_LOCK_SECONDS", "0")
    before = state(ingested)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom kb.config import load_config\n"
         "from kb.lock import writing\nwith writing(load_config(sys.argv[1])):\n"
         "    print('holding', flush=True)\n    time.sleep(60)", str(ingested)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        result = kb("reindex")
        one_error_line(result, "en annen prosess skriver til basen", str(ingested))
        assert "Venter på at en annen prosess" in result.stderr
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert state(ingested) == before
    with writing(load_config(ingested), wait=5):
        pass  # the kernel let go of the killed holder's lock


def test_two_ingests_at_once_take_turns_and_agree(tmp_path, report_path):
    folder = tmp_path / "data"
    env = {**os.environ, "KB_DATA_DIR": str(folder), "KB_LOCK_SECONDS": "120"}
    variant = tmp_path / "2025-variant.txt"
    variant.write_text(report_path.read_text("utf-8").replace("rigide", "stive"), "utf-8")
    shutil.copy(report_path.with_suffix(".yaml"), variant.with_suffix(".yaml"))
    runs = [subprocess.Popen([str(KB), "ingest", str(path)], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for path in (report_path, variant)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert not any("Traceback" in out + err for out, err in outputs)
    stats = subprocess.run([str(KB), "stats"], env=env, capture_output=True, text=True)
    assert "i takt med databasen" in stats.stdout, stats


# The disk: full, or read-only.

@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB file system of its own (tmpfs); skip where mounting is not allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("a small file system needs permission to mount one (root with "
                    f"CAP_SYS_ADMIN): {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def kb_on_disk(small_disk, report_path):
    """Run `kb` as a process of its own (so no file of the test's stays open on the disk)."""
    env = {**os.environ, "KB_DATA_DIR": str(small_disk / "data")}

    def invoke(*args):
        done = subprocess.run([str(KB), *args], env=env, capture_output=True, text=True,
                              timeout=120)
        return Run(done.returncode, done.stdout, done.stderr)
    assert invoke("ingest", str(report_path)).exit_code == 0
    return invoke, small_disk / "data"


def test_a_full_disk_is_one_line_naming_the_folder(kb_on_disk, small_disk):
    kb, folder = kb_on_disk
    before = state(folder)
    filler = small_disk / "fyll"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(bytes(64 * 1024))
                out.flush()
        except OSError:
            pass
    one_error_line(kb("reindex"), "disken er full", str(folder))
    one_error_line(kb("ingest", "--year", "2016",
                      str(FIXTURES / "2016-syntetisk-dialogkonferanse.txt")), "disken er full")
    assert state(folder) == before
    assert not list((folder / "index").glob("building-*"))
    filler.unlink()
    assert kb("reindex").exit_code == 0


def test_a_read_only_folder_is_one_line_naming_the_folder(kb_on_disk, small_disk):
    kb, folder = kb_on_disk
    before = state(folder)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        one_error_line(kb("reindex"), "skrivebeskyttet", str(folder))
        one_error_line(kb("ingest", "--year", "2016",
                          str(FIXTURES / "2016-syntetisk-dialogkonferanse.txt")),
                       "skrivebeskyttet", str(folder))
        stats = kb("stats")
        assert stats.exit_code == 0 and "i takt med databasen" in stats.stdout
        assert kb("search", "språkkrav").exit_code == 0  # reading still works
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert state(folder) == before


def test_a_read_only_index_folder_is_refused_before_the_database_changes(
        kb, ingested, report_path, small_disk):
    """The issue's case: the database took the new report, the index folder did not."""
    index = ingested / "index"
    shutil.copytree(index, small_disk, dirs_exist_ok=True)
    shutil.rmtree(index)
    index.symlink_to(small_disk)
    before = state(ingested)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        variant = ingested.parent / "2025-variant.txt"
        variant.write_text(report_path.read_text("utf-8").replace("rigide", "stive"), "utf-8")
        shutil.copy(report_path.with_suffix(".yaml"), variant.with_suffix(".yaml"))
        one_error_line(kb("ingest", str(variant)), "skrivebeskyttet", str(index))
        assert state(ingested) == before
        assert "i takt med databasen" in kb("stats").stdout
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
