"""What the console runs on an app server to put a release in place: one POSIX shell script,
sent on standard input with each call (``sh -s -- ROOT COMMAND ARGS``), so nothing of the
console has to be installed on the server first and every server runs the same text.

Layout under ``ROOT`` (``/srv/webnova/<platform>`` on the console's servers):

- ``incoming/<sha256>.tar`` — release files as uploaded (verified by their hash);
- ``releases/<N>/`` — release N installed: a virtual environment made from the release's
  own wheels only (``pip --no-index``), the release unpacked in ``releases/<N>/release``,
  and ``.installed`` holding the release file's hash once the install is whole;
- ``releases/current`` — the link to the release that runs, switched atomically
  (``mv -T`` of a new link over the old one);
- ``releases/<N>/app.env`` — the settings release N runs with (a release switched back to
  runs with its own; under systemd, ``restart`` copies them to the unit's
  ``EnvironmentFile``, ``/etc/webnova/<platform>/app.env``), and ``migrate.env``, the
  migrating login's database address (both
  written by the console, mode 0600);
- ``run/`` — where a server without systemd keeps the app's process id and log.

Every command can be run again after a console was killed in the middle of it: an install
that did not finish has no ``.installed`` and is made again from the start, a switch is one
rename, a restart stops whatever runs and starts the current release.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence

SCRIPT = r"""
set -eu
root=$1; command=$2; shift 2
releases="$root/releases"
incoming="$root/incoming"

hash_of() { sha256sum "$1" | cut -d' ' -f1; }

stop_process() {
    pidfile="$root/run/app.pid"
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

case "$command" in
have)  # SHA: is the release file here, whole?
    f="$incoming/$1.tar"
    if [ -f "$f" ] && [ "$(hash_of "$f")" = "$1" ]; then echo yes; else echo no; fi
    ;;
install)  # N SHA DIST: release N from its own wheels only
    n=$1; sha=$2; dist=$3
    target="$releases/$n"
    if [ -f "$target/.installed" ] && [ "$(cat "$target/.installed")" = "$sha" ]; then
        echo "release $n is installed already"; exit 0
    fi
    f="$incoming/$sha.tar"
    [ -f "$f" ] || { echo "the release file $f is not on this server" >&2; exit 3; }
    [ "$(hash_of "$f")" = "$sha" ] || { echo "the release file $f does not match its hash" >&2; exit 3; }
    rm -rf "$target"
    mkdir -p "$target/release"
    tar -xf "$f" -C "$target/release"
    python3 -m venv "$target"
    "$target/bin/python" -m pip install --quiet --no-index --no-cache-dir \
        --disable-pip-version-check --find-links "$target/release/wheels" "$dist"
    echo "$sha" > "$target/.installed"
    echo "installed release $n"
    ;;
migrate)  # N: the release's migrations, as the migrating login
    n=$1
    cd "$releases/$n/release/project"
    set -a; . "$root/migrate.env"; set +a
    "$releases/$n/bin/python" -m alembic -c alembic.ini upgrade head
    echo "revision $("$releases/$n/bin/python" -m alembic -c alembic.ini current 2>/dev/null | tail -n 1)"
    ;;
revision)  # N: the database's migration revision, read with release N's tools
    n=$1
    cd "$releases/$n/release/project"
    set -a; . "$root/migrate.env"; set +a
    "$releases/$n/bin/python" -m alembic -c alembic.ini current 2>/dev/null | tail -n 1
    ;;
heads)  # N: the head revision of release N's migrations
    n=$1
    cd "$releases/$n/release/project"
    "$releases/$n/bin/python" -m alembic -c alembic.ini heads 2>/dev/null | tail -n 1
    ;;
downgrade)  # N REV: the database down to REV with release N's migrations (one transaction)
    n=$1; rev=$2
    cd "$releases/$n/release/project"
    set -a; . "$root/migrate.env"; set +a
    "$releases/$n/bin/python" -m alembic -c alembic.ini downgrade "$rev"
    echo "revision $("$releases/$n/bin/python" -m alembic -c alembic.ini current 2>/dev/null | tail -n 1)"
    ;;
installed)  # every release installed whole here: "N SHA" a line
    for mark in "$releases"/*/.installed; do
        [ -f "$mark" ] || continue
        n=$(basename "$(dirname "$mark")")
        echo "$n $(cat "$mark")"
    done
    ;;
current)
    if [ -L "$releases/current" ]; then basename "$(readlink "$releases/current")"; fi
    ;;
switch)  # N: make release N the current one; prints the one before
    n=$1
    [ -f "$releases/$n/.installed" ] || { echo "release $n is not installed" >&2; exit 3; }
    before=""
    if [ -L "$releases/current" ]; then before=$(basename "$(readlink "$releases/current")"); fi
    ln -sfn "$n" "$releases/.current.new"
    mv -T "$releases/.current.new" "$releases/current"
    echo "$before"
    ;;
restart)  # UNIT PORT PACKAGE: run the current release
    unit=$1; port=$2; package=$3
    if command -v systemctl >/dev/null 2>&1 && systemctl cat "$unit" >/dev/null 2>&1; then
        # the unit reads its settings from its EnvironmentFile (root:<platform user>, 0640):
        # the current release's own settings go there first
        envfile=$(systemctl show -P EnvironmentFiles "$unit" | head -n 1 | cut -d' ' -f1)
        if [ -n "$envfile" ]; then
            group=$(systemctl show -P Group "$unit")
            sudo -n install -D -m 0640 -o root -g "${group:-root}" "$releases/current/app.env" "$envfile"
        fi
        sudo -n systemctl restart "$unit"
    else  # no systemd here: the release runs as a process of this user
        mkdir -p "$root/run"
        stop_process
        cd "$releases/current"
        set -a; [ -f "$releases/current/app.env" ] && . "$releases/current/app.env"; set +a
        setsid "$releases/current/bin/python" -m uvicorn --factory "$package.main:create_app" \
            --host 127.0.0.1 --port "$port" --proxy-headers --forwarded-allow-ips 127.0.0.1 \
            >> "$root/run/app.log" 2>&1 < /dev/null &
        echo $! > "$root/run/app.pid"
    fi
    echo restarted
    ;;
stop)  # UNIT
    if command -v systemctl >/dev/null 2>&1 && systemctl cat "$1" >/dev/null 2>&1; then
        sudo -n systemctl stop "$1"
    else
        stop_process
    fi
    ;;
health)  # URL SECONDS [NAME]: wait for the platform to answer 200 through the proxy
    # NAME: the site the proxy serves (sent as TLS SNI and Host), reached at URL's address.
    python3 -c '
import http.client, socket, ssl, sys, time, urllib.parse
url, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
parts = urllib.parse.urlsplit(url)
named = len(sys.argv) > 3
address, name = parts.hostname, (sys.argv[3] if named else parts.hostname)
secure = parts.scheme == "https"
port = parts.port or (443 if secure else 80)
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE  # loopback: the proxy is this machine
last = "no answer"
while time.monotonic() < deadline:
    try:
        sock = socket.create_connection((address, port), timeout=5)
        if secure:
            sock = context.wrap_socket(sock, server_hostname=name)
        conn = http.client.HTTPConnection(name, port, timeout=5)
        conn.sock = sock
        conn.request("GET", parts.path or "/", headers={"Host": name if named else parts.netloc})
        answer = conn.getresponse()
        answer.read()
        conn.close()
        if answer.status == 200:
            print("healthy"); sys.exit(0)
        last = f"HTTP {answer.status}"
    except Exception as exc:
        last = str(getattr(exc, "reason", exc)) or type(exc).__name__
    time.sleep(0.25)
print(f"not healthy: {last}", file=sys.stderr); sys.exit(4)
' "$@"
    ;;
*)
    echo "unknown command $command" >&2; exit 2
    ;;
esac
"""


def command(root: str, name: str, *args: str | int | float) -> str:
    """The shell command that runs ``SCRIPT`` (given on standard input) with its arguments."""
    words: Sequence[str] = [root, name, *(str(a) for a in args)]
    return "sh -s -- " + " ".join(shlex.quote(w) for w in words)
