"""The remote script's ``restart`` on a server with systemd: the unit reads its settings
from its ``EnvironmentFile`` (``/etc/webnova/<key>/app.env``, which the unit asserts), so
the current release's settings are installed there before the unit restarts. ``systemctl``
and ``sudo`` are small scripts recording what they are asked (no systemd in the tests);
the script itself is the one the console sends."""

from __future__ import annotations

import grp
import os
import subprocess
from pathlib import Path

from app.domain.release import remote


def test_restart_under_systemd_installs_the_release_settings_for_the_unit(tmp_path: Path) -> None:
    root, bin_dir, etc = tmp_path / "srv", tmp_path / "bin", tmp_path / "etc" / "hub"
    (root / "releases" / "3").mkdir(parents=True)
    (root / "releases" / "3" / "app.env").write_text("JWT_SECRET='x'\n", encoding="utf-8")
    (root / "releases" / "current").symlink_to("3")
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    group = grp.getgrgid(os.getgid()).gr_name
    (bin_dir / "systemctl").write_text(
        "#!/bin/sh\n"
        f'echo "systemctl $*" >> {calls}\n'
        'case "$1 $3" in\n'
        f'  "show EnvironmentFiles") echo "{etc}/app.env (ignore_errors=no)" ;;\n'
        f'  "show Group") echo "{group}" ;;\n'
        "esac\n", encoding="utf-8")
    (bin_dir / "sudo").write_text(
        f'#!/bin/sh\n[ "$1" = "-n" ] || exit 9\nshift\necho "sudo $*" >> {calls}\nexec "$@"\n',
        encoding="utf-8")
    for tool in ("systemctl", "sudo"):
        (bin_dir / tool).chmod(0o755)
    done = subprocess.run(["sh", "-c", remote.command(str(root), "restart", "webnova-hub.service",
                                                      8000, "hub_api")],
                          input=remote.SCRIPT, text=True, capture_output=True, check=False,
                          env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert done.returncode == 0, done.stderr
    assert (etc / "app.env").read_text(encoding="utf-8") == "JWT_SECRET='x'\n"
    assert oct((etc / "app.env").stat().st_mode & 0o777) == "0o640"
    said = [line for line in calls.read_text(encoding="utf-8").splitlines()
            if line.startswith("sudo ")]
    assert len(said) == 2 and said[0].startswith("sudo install -D -m 0640 -o root -g ")
    assert said[1] == "sudo systemctl restart webnova-hub.service"  # after the settings
