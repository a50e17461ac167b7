"""The real Caddy for tests, on loopback ports of its own: a server's Caddyfile with global
options added so it listens on free ports (admin API included) and takes certificates from
Caddy's own authority (``local_certs``) instead of Let's Encrypt."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.support.sshd import free_port


def caddy_binary() -> str:
    found = shutil.which("caddy")
    assert found, "caddy is not installed; the test command installs it (scripts/lib.sh)"
    return found


@dataclass
class LoopbackCaddy:
    folder: Path
    http_port: int
    https_port: int
    admin_port: int
    process: subprocess.Popen[bytes] | None = None

    @classmethod
    def ports(cls, folder: Path) -> LoopbackCaddy:
        return cls(folder, free_port(), free_port(), free_port())

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "HOME": str(self.folder), "XDG_DATA_HOME": str(self.folder / "data"),
                "XDG_CONFIG_HOME": str(self.folder / "config")}

    def local(self, caddyfile: str) -> str:
        """``caddyfile`` (a server's, starting with its global options) on this Caddy's ports."""
        options = (f"\tadmin 127.0.0.1:{self.admin_port}\n\thttp_port {self.http_port}\n"
                   f"\thttps_port {self.https_port}\n\tlocal_certs\n\tskip_install_trust\n")
        assert "{\n" in caddyfile
        return caddyfile.replace("{\n", "{\n" + options, 1)

    def start(self, caddyfile: str) -> None:
        path = self.folder / "running.Caddyfile"
        path.write_text(self.local(caddyfile), encoding="utf-8")
        self.process = subprocess.Popen(
            [caddy_binary(), "run", "--config", str(path), "--adapter", "caddyfile"],
            cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "caddy stopped"
            try:
                with socket.create_connection(("127.0.0.1", self.https_port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("caddy did not listen in 20 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def reload_shim(self, target: Path) -> Path:
        """A script standing in for ``systemctl reload caddy.service`` (no systemd here): it
        reloads this Caddy with the Caddyfile installed at ``target``, on this Caddy's ports."""
        options = self.local("{\n").removeprefix("{\n").replace("\t", "\\t").replace("\n", "\\n")
        local = self.folder / f"{target.name}.reloaded"
        shim = self.folder / f"reload-{target.name}"
        shim.write_text(
            "#!/bin/sh\n"
            "# stands in for 'systemctl reload caddy.service': the installed file, on loopback\n"
            "set -eu\n"
            f"awk -v opts='{options}' '!done && $0 == \"{{\" {{ print; printf \"%s\", opts; "
            f"done = 1; next }} {{ print }}' '{target}' > '{local}'\n"
            f"exec {caddy_binary()} reload --config '{local}' --adapter caddyfile "
            f"--address 127.0.0.1:{self.admin_port}\n", encoding="utf-8")
        shim.chmod(0o755)
        return shim

    def config(self) -> str:
        """The configuration Caddy runs now (its admin API), as JSON text."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.admin_port}/config/",
                                    timeout=10) as answer:
            return str(answer.read().decode("utf-8"))
