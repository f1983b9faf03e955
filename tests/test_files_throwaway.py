"""Demo, training, tour and audit data (fictional receipts with realistic names) do not
pile up in the temp folder: the throwaway folder goes when the kiosk stops, the ones
left by a crash go at the next start, and KIOSK_HOME, where set, is honoured."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from kiosk.core.paths import OWNER_LOCK, THROWAWAY_PREFIX, DataDir, remove_stale_throwaways

ROOT = Path(__file__).resolve().parents[1]
DAY = 24 * 3600


def _env(tmp: Path, home: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KIOSK_HOME", "KIOSK_CONFIG")}
    env.update(TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp), QT_QPA_PLATFORM="offscreen",
               PYTHONIOENCODING="utf-8")
    if home is not None:
        env["KIOSK_HOME"] = str(home)
    return env


def _kiosk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=180)


def _throwaways(folder: Path) -> list[Path]:
    return sorted(folder.glob(THROWAWAY_PREFIX + "*"))


def _age(folder: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(folder, (then, then))


def test_a_demo_removes_its_folder_and_stale_ones_of_earlier_crashes(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    crashed = tmp / f"{THROWAWAY_PREFIX}crashed"  # an earlier version's: no lock file
    (crashed / "receipts" / "printed").mkdir(parents=True)
    (crashed / "receipts" / "printed" / "Bien-nhan.pdf").write_bytes(b"%PDF-1.4 Nguyen Van A")
    _age(crashed, 2 * DAY)
    recent = tmp / f"{THROWAWAY_PREFIX}recent"  # a demo that may still be running
    recent.mkdir()
    run = _kiosk(_env(tmp), "run", "--smoke")
    assert run.returncode == 0, run.stderr
    assert _throwaways(tmp) == [recent]


def test_a_folder_whose_owner_still_runs_is_kept(tmp_path: Path) -> None:
    """Age alone is not enough: a demo running for days still holds its folder's lock."""
    owner_code = ("import sys, time\nfrom kiosk.core.paths import DataDir\n"
                  "data = DataDir.make_throwaway()\nprint(data.root, flush=True)\n"
                  "sys.stdin.readline()\ndata.remove()\n")
    owner = subprocess.Popen([sys.executable, "-c", owner_code], cwd=ROOT, env=_env(tmp_path),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert owner.stdout is not None and owner.stdin is not None
        folder = Path(owner.stdout.readline().strip())
        assert folder.parent == tmp_path and (folder / OWNER_LOCK).exists()
        _age(folder, 3 * DAY)
        assert remove_stale_throwaways(tmp_path) == [] and folder.is_dir()
        owner.stdin.write("\n")
        owner.stdin.flush()
        assert owner.wait(timeout=30) == 0
        assert not folder.exists()  # removed by its owner at the end
    finally:
        owner.kill()
        owner.wait(timeout=30)


def test_a_folder_whose_owner_died_is_removed_once_a_day_old(tmp_path: Path) -> None:
    code = ("import os\nfrom kiosk.core.paths import DataDir\n"
            "print(DataDir.make_throwaway().ensure().root, flush=True)\nos._exit(9)\n")
    died = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(tmp_path),
                          capture_output=True, text=True, timeout=60)
    folder = Path(died.stdout.strip())
    assert died.returncode == 9 and (folder / "receipts").is_dir()
    assert remove_stale_throwaways(tmp_path) == []  # young: maybe a demo starting up
    _age(folder, DAY + 60)
    assert remove_stale_throwaways(tmp_path) == [folder] and not folder.exists()


def test_a_data_folder_that_is_not_a_throwaway_is_never_removed(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "home").ensure()
    data.remove()
    assert data.root.is_dir()


def test_kiosk_home_is_honoured_in_demo_mode_and_kept(tmp_path: Path) -> None:
    tmp, home = tmp_path / "tmp", tmp_path / "home"
    tmp.mkdir()
    run = _kiosk(_env(tmp, home), "run", "--smoke")
    assert run.returncode == 0, run.stderr
    assert _throwaways(tmp) == []
    assert (home / "demo" / "outbox.sqlite3").is_file()  # kept apart from a real outbox
    assert not (home / "outbox.sqlite3").exists()


def test_the_tour_leaves_only_what_it_was_asked_for(tmp_path: Path) -> None:
    tmp, out = tmp_path / "tmp", tmp_path / "tour"
    tmp.mkdir()
    run = _kiosk(_env(tmp), "tour", "--out", str(out), "--procedure", "certified_copy")
    assert run.returncode == 0, run.stderr
    report = json.loads((out / "tour.json").read_text(encoding="utf-8"))
    assert report["receipts"] and all((out / r).is_file() for r in report["receipts"])
    assert _throwaways(tmp) == []
