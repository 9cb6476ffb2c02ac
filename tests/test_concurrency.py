"""Clients search the real server (`kb serve`) while ingest and reindex run one after the
other: every answer is a 200 (bench/under_load.py --writers; its longer run's figures are
in docs/decisions.md)."""
import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "under_load.py"


def test_searches_during_ingest_and_reindex_get_no_500_and_no_false_503():
    done = subprocess.run([sys.executable, str(BENCH), "--writers", "--seconds", "20",
                           "--clients", "4", "--json"], capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout)
    assert figures["requests"] > 0
    assert figures["500s"] == 0 and figures["503s"] == 0, figures["examples"]
    assert figures["connection errors"] == 0, figures["examples"]
    assert figures["tracebacks in the server's log"] == 0
    runs = figures["writer runs"]
    assert set(runs) <= {"ingest exit 0", "reindex exit 0"}, figures["examples"]
    assert sum(runs.values()) >= 2
