"""The simulator as a process of its own, for tests that kill the console mid-apply:

    python -m app.integrations.hetzner_sim --token-file F --state-file S [--port 0]
        [--action-delay SECONDS]

It prints one line, its URL, and serves until SIGTERM or SIGINT. The state file is written
after every change, so a simulator started again on it goes on with the same resources,
ids and actions. The token is read from a file so it never shows in a process list.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from app.integrations.hetzner_sim.server import HetznerSimulator


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app.integrations.hetzner_sim",
                                     description="Run the Hetzner Cloud simulator on loopback.")
    parser.add_argument("--token-file", type=Path, required=True,
                        help="file holding the API token the simulator accepts")
    parser.add_argument("--state-file", type=Path, required=True,
                        help="JSON file the state is kept in (made if missing)")
    parser.add_argument("--port", type=int, default=0, help="loopback port (0: any free one)")
    parser.add_argument("--action-delay", type=float, default=0.0, metavar="SECONDS",
                        help="how long every action runs before it ends")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port {args.port} is not a port (0 to 65535)")
    if args.action_delay < 0:
        parser.error("--action-delay cannot be negative")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        token = args.token_file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        print(f"cannot read the token file {args.token_file}: {exc.strerror}", file=sys.stderr)
        return 2
    if not token:
        print(f"the token file {args.token_file} is empty", file=sys.stderr)
        return 2
    try:
        simulator = HetznerSimulator(token, action_delay=args.action_delay,
                                     state_file=args.state_file)
    except ValueError as exc:  # a damaged state file, named
        print(str(exc), file=sys.stderr)
        return 2
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        url = simulator.start(args.port)
    except OSError as exc:
        print(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(url, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        simulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
