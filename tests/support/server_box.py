"""An environment's servers standing in one box: a network and mount namespace of their own
(``unshare --net --mount``, so root is needed), where

- the servers' private addresses (from the cloud) are on the box's loopback;
- one real sshd per server runs with that server's console-made host key, reached from the
  test's network through a listening socket the test made (its file descriptor is passed
  in), so the console connects to ``127.0.0.1:PORT`` as it would through a tunnel;
- the real Caddy runs with the platform's Caddyfile on ports 80 and 443 (nothing of the
  machine's own ports is taken);
- PostgreSQL answers on the database server's private address, port 5432, forwarded to
  the test's throwaway server's Unix socket (so its scram-sha-256 authentication holds);
- ``/srv`` is a directory of the test (bind-mounted), as cloud-init prepares it.

``python -m tests.support.server_box CONFIG`` (a JSON file) prints ``ready`` once every
part answers and runs until its standard input closes.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.sshd import Account, SshServer, start_sshd


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def _join(a: tuple[asyncio.StreamReader, asyncio.StreamWriter],
                b: tuple[asyncio.StreamReader, asyncio.StreamWriter]) -> None:
    await asyncio.gather(_pipe(a[0], b[1]), _pipe(b[0], a[1]))


async def _serve(config: dict[str, Any], sshds: list[SshServer]) -> None:
    servers = []
    for entry, sshd in zip(config["servers"], sshds, strict=True):
        async def to_sshd(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                          port: int = sshd.port) -> None:
            await _join((reader, writer), await asyncio.open_connection("127.0.0.1", port))

        listener = socket.socket(fileno=int(entry["listen_fd"]))
        servers.append(await asyncio.start_server(to_sshd, sock=listener))
    pg = config["postgres"]

    async def to_pg(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _join((reader, writer), await asyncio.open_unix_connection(pg["unix"]))

    servers.append(await asyncio.start_server(to_pg, pg["address"], 5432))
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for server in servers:
        server.close()


def main(path: str) -> None:
    config = json.loads(Path(path).read_text(encoding="utf-8"))
    run = subprocess.run
    run(["ip", "link", "set", "lo", "up"], check=True)
    for address in config["addresses"]:
        run(["ip", "addr", "add", f"{address}/32", "dev", "lo"], check=True)
    run(["mount", "--bind", config["srv"], "/srv"], check=True)
    a = config["account"]
    account = Account(a["name"], Path(a["home"]), a["uid"], a["gid"], False, Path(a["directory"]))
    sshds = [start_sshd(s["host_key"], config["authorized"], account, config["sshd_extra"])
             for s in config["servers"]]
    home = config["caddy_home"]
    caddy = subprocess.Popen(
        ["caddy", "run", "--config", f"{home}/Caddyfile", "--adapter", "caddyfile"], cwd=home,
        stdout=subprocess.DEVNULL, stderr=open(f"{home}/caddy.log", "wb"),  # noqa: SIM115
        env={**os.environ, "HOME": home, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home})
    try:
        asyncio.run(_serve(config, sshds))
    finally:
        caddy.terminate()
        caddy.wait(timeout=30)
        for sshd in sshds:
            sshd.stop()


if __name__ == "__main__":
    main(sys.argv[1])
