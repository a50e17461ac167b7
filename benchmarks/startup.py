"""Time to the first shown main window, against a bare QApplication + QLabel.

Each run is a fresh process. The parent notes the monotonic clock just before starting
it; the child prints the same clock when its window is first exposed on screen (the
console does so when ``WEBNOVA_STARTUP_PROBE`` is set) and exits. The figure is the
difference: interpreter start, imports, Qt set-up, building and showing the window.
Byte code is cached as in an installed console (a warm-up run of each writes it).

    python benchmarks/startup.py [--runs 7] [--platform offscreen|xcb] [--json]

Target: the console's median at most 3x the bare window's median.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 3.0

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

class FirstExpose(QObject):
    done = False
    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Expose and watched.isExposed():
            self.done = True
            print(f"shown {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv)
label = QLabel("WebNova Console")
label.resize(1180, 720)
label.show()
probe = FirstExpose()
label.windowHandle().installEventFilter(probe)
app.exec()
"""


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    for line in result.stdout.splitlines():
        if line.startswith("shown "):
            return float(line.split()[1]) - started
    raise RuntimeError(
        f"{command[-1]!r} showed no window (exit {result.returncode}): {result.stderr.strip()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="webnova-startup-") as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": args.platform,
            "WEBNOVA_HOME": home,
            "WEBNOVA_KEYRING": "memory",
            "WEBNOVA_STARTUP_PROBE": "1",
            # As installed: byte-code compiled once (here into the temporary folder,
            # never into the source tree), not on every start.
            "PYTHONPYCACHEPREFIX": str(Path(home) / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        console = [sys.executable, "-m", "app"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        # One unmeasured run each: creates the workspace and warms the file cache.
        time_to_window(console, env)
        time_to_window(bare, env)
        console_runs: list[float] = []
        bare_runs: list[float] = []
        for _ in range(args.runs):  # interleaved, so drift in the machine hits both
            bare_runs.append(time_to_window(bare, env))
            console_runs.append(time_to_window(console, env))

    console_median = statistics.median(console_runs)
    bare_median = statistics.median(bare_runs)
    ratio = console_median / bare_median
    report = {
        "platform": args.platform,
        "runs": args.runs,
        "console_ms": [round(t * 1000, 1) for t in console_runs],
        "bare_ms": [round(t * 1000, 1) for t in bare_runs],
        "console_median_ms": round(console_median * 1000, 1),
        "bare_median_ms": round(bare_median * 1000, 1),
        "ratio": round(ratio, 2),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"time to first shown window ({args.platform}, median of {args.runs} runs)")
        print(f"  WebNova Console main window  {report['console_median_ms']:8.1f} ms")
        print(f"  bare QApplication + QLabel   {report['bare_median_ms']:8.1f} ms")
        verdict = "meets" if report["meets_target"] else "MISSES"
        print(f"  ratio {ratio:.2f}x ({verdict} the target of at most {TARGET_RATIO:.0f}x)")
    return 0 if report["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
