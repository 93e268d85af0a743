"""Interrupting a run: kill -9 (no chance to clean up) and Ctrl-C, then the same command again.

The run goes through the real CLI in a subprocess. The stand-in extractor sleeps a little per
document so that the run is still going when the test has seen some committed segments.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_support import FAKE, read_lines, subprocess_env, write_corpus

from pipeline.runner import RunOptions, run

N_DOCS = 3000
CHUNK = 50


def _cmd(files: list[Path], out: Path, workers: int = 2) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "run", *map(str, files), "--out", str(out), "--quiet",
            "--workers", str(workers), "--chunk-size", str(CHUNK), "--processor", FAKE]


def _wait_for_segments(out: Path, proc: subprocess.Popen, n: int) -> int:
    seg_dir = out / ".state" / "segments"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            segs = list(seg_dir.glob("*.seg"))
        except FileNotFoundError:
            # not made yet, or made and wiped once more at start (a new state directory is wiped before its
            # manifest is written: pipeline/batch/journal.py, RunState.__enter__)
            segs = []
        if len(segs) >= n:
            return len(segs)
        if proc.poll() is not None:
            pytest.fail(f"the run ended (rc {proc.returncode}) before it could be interrupted")
        time.sleep(0.02)
    pytest.fail("no segments were committed")


def _reference(files: list[Path], out: Path) -> dict[str, bytes]:
    run(RunOptions(inputs=[str(f) for f in files], out=str(out), workers=0, processor=FAKE, progress=False,
                   chunk_size=CHUNK))
    return {n: (out / n).read_bytes() for n in ("documents.jsonl", "errors.jsonl", "duplicates.jsonl")}


def _check_complete(out: Path, ref: dict[str, bytes]) -> None:
    got = {n: (out / n).read_bytes() for n in ref}
    ids = [json.loads(x)["doc_id"] for x in read_lines(out / "documents.jsonl")]
    errs = read_lines(out / "errors.jsonl")
    assert len(ids) == len(set(ids)), "duplicate documents after resume"
    assert len(ids) + len(errs) == N_DOCS, "documents lost after resume"
    assert got == ref


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("kill")
    files = write_corpus(d / "in", N_DOCS, files=3)
    return files, _reference(files, d / "ref")


def test_kill_9_then_resume(corpus, tmp_path):
    files, ref = corpus
    out = tmp_path / "out"
    env = subprocess_env(BATCH_FAKE_SLEEP="0.003")
    proc = subprocess.Popen(_cmd(files, out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = _wait_for_segments(out, proc, 8)
    os.kill(proc.pid, signal.SIGKILL)  # the parent only, as `kill -9 PID` would; its workers see EOF and exit
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not (out / "documents.jsonl").exists()
    committed = len(list((out / ".state" / "segments").glob("*.seg")))
    assert committed >= seen

    res = subprocess.run(_cmd(files, out), env=subprocess_env(), capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    summary = json.loads(res.stderr.strip().splitlines()[-1])
    assert summary["resumed"] >= committed * CHUNK > 0
    assert summary["resumed"] + summary["processed"] == N_DOCS
    _check_complete(out, ref)


def test_kill_9_of_everything_then_resume(corpus, tmp_path):
    """Like a power loss: the parent and its workers die at once."""
    files, ref = corpus
    out = tmp_path / "out"
    proc = subprocess.Popen(_cmd(files, out), env=subprocess_env(BATCH_FAKE_SLEEP="0.003"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_for_segments(out, proc, 5)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    res = subprocess.run(_cmd(files, out, workers=1), env=subprocess_env(), capture_output=True, text=True,
                         timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    _check_complete(out, ref)


def _sigint_default() -> None:
    """In the child before exec: Ctrl-C back to its default. A shell that starts the tests in the background
    (``cmd &`` without job control) leaves SIGINT ignored, children inherit that, and Python then keeps it ignored:
    the run would never see the test's Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_then_resume(corpus, tmp_path):
    files, ref = corpus
    out = tmp_path / "out"
    proc = subprocess.Popen(_cmd(files, out), env=subprocess_env(BATCH_FAKE_SLEEP="0.003"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=_sigint_default)
    _wait_for_segments(out, proc, 5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-3000:]
    assert "run the same command again to resume" in err
    res = subprocess.run(_cmd(files, out), env=subprocess_env(), capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    _check_complete(out, ref)
