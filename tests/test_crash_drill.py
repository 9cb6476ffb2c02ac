"""The crash drill, short: `kb ingest` and `kb reindex` killed with SIGKILL at random points
(bench/crash_drill.py runs it 30 times each; the figures are in docs/decisions.md)."""
import json
import subprocess
import sys
from pathlib import Path

DRILL = Path(__file__).resolve().parent.parent / "bench" / "crash_drill.py"


def test_killed_writers_leave_a_base_that_tells_the_truth_and_heals():
    done = subprocess.run([sys.executable, str(DRILL), "--kills", "1", "--seed", "7", "--json"],
                          capture_output=True, text=True, timeout=900)
    figures = json.loads(done.stdout)
    assert figures["failures"] == 0, figures["failure lines"]
    assert done.returncode == 0
    killed = {kind: count for kind, count in figures["trials"].items() if kind.endswith("killed")}
    assert len(killed) == 2 and sum(killed.values()) == 2  # kb ingest once, kb reindex once
    assert sum(sum(phases.values()) for phases in figures["where the kills landed"].values()) == 2
