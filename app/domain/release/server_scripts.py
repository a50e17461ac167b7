"""Shell scripts cloud-init installs on a server. They are fixed text: every value they
need comes as an argument from the cloud-config's ``runcmd`` (argument lists, no shell
interpolation), so nothing of an environment is pasted into a script.

- ``webnova-mount-data MOUNTPOINT [VOLUME_ID]``: waits for the Hetzner volume
  (``/dev/disk/by-id/scsi-0HC_Volume_<id>``; without an id, the one volume attached),
  labels its file system ``webnova-data`` (making one only on a blank volume, never over
  data), mounts it by that label now and at every boot.
- ``webnova-private-address SUBNET [TRIES]``: the server's address in the private subnet,
  waiting (2 s a try, 90 tries) for the private network to come up.
- ``webnova-postgres-setup SUBNET ROLES_SQL``: PostgreSQL with its data on the volume,
  listening on localhost and this server's address in SUBNET only, then the platform's
  database and roles (``ROLES_SQL``, no passwords).
- ``webnova-db-passwords [FILE]``: the hook for the logins' passwords. The console writes
  FILE (default ``/etc/webnova/db-passwords``, mode 0600) over SSH, one
  ``ROLE SCRAM-SHA-256$…`` verifier a line (:func:`app.domain.release.pg_scram.scram_verifier`),
  and runs this script: all verifiers are set in one transaction, then the file is
  removed. Only verifiers are accepted, so a plain password never reaches the server.
- ``webnova-caddy-site FILE``: the hook for a changed site (a new domain). The console
  writes FILE over SSH (:func:`app.domain.release.server_files.caddyfile`) and runs this
  script: the file is checked with ``caddy validate`` (refused: nothing changes), put in
  place of ``/etc/caddy/Caddyfile`` (the one before kept as ``Caddyfile.previous``) and
  Caddy reloaded; a reload that fails puts the previous file back. FILE is removed.
"""

from __future__ import annotations

DATA_LABEL = "webnova-data"
PASSWORDS_FILE = "/etc/webnova/db-passwords"
CADDY_SITE = "/usr/local/sbin/webnova-caddy-site"

MOUNT_DATA = r"""#!/bin/sh
# webnova-mount-data MOUNTPOINT [VOLUME_ID]: the database server's Hetzner volume, by label.
set -eu
target=$1
volume=${2:-}
label=webnova-data
if [ -n "$volume" ]; then
    pattern="/dev/disk/by-id/scsi-0HC_Volume_$volume"
else
    pattern="/dev/disk/by-id/scsi-0HC_Volume_*"
fi
device=""
tries=0
while [ -z "$device" ]; do
    for candidate in $pattern; do
        if [ -e "$candidate" ]; then device=$candidate; break; fi
    done
    if [ -z "$device" ]; then
        tries=$((tries + 1))
        if [ "$tries" -gt 300 ]; then
            echo "webnova-mount-data: no volume appeared at $pattern in 10 minutes" >&2
            exit 1
        fi
        sleep 2
    fi
done
if [ -z "$(blkid -o value -s TYPE "$device" || true)" ]; then
    mkfs.ext4 -q -L "$label" "$device"
elif [ "$(blkid -o value -s LABEL "$device" || true)" != "$label" ]; then
    e2label "$device" "$label"
fi
mkdir -p "$target"
if ! grep -q "^LABEL=$label " /etc/fstab; then
    echo "LABEL=$label $target ext4 defaults,nofail,discard,x-systemd.device-timeout=5min 0 2" >> /etc/fstab
fi
udevadm settle || true
mountpoint -q "$target" || mount "$target"
"""

POSTGRES_SETUP = r"""#!/bin/sh
# webnova-postgres-setup SUBNET ROLES_SQL: PostgreSQL on the volume, on the private address only.
set -eu
subnet=$1
roles_sql=$2
data=/srv/webnova-data
address=$(/usr/local/sbin/webnova-private-address "$subnet")
mountpoint -q "$data"
mkdir -p "$data/postgresql" /var/lib/postgresql
if ! grep -q " /var/lib/postgresql none bind" /etc/fstab; then
    echo "$data/postgresql /var/lib/postgresql none bind,nofail,x-systemd.requires-mounts-for=$data 0 0" >> /etc/fstab
fi
mountpoint -q /var/lib/postgresql || mount /var/lib/postgresql
DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
chown postgres:postgres "$data/postgresql"
install -d -o postgres -g postgres -m 0700 "$data/backups"
for conf in /etc/postgresql/*/main/conf.d; do
    cp /etc/webnova/postgresql/webnova.conf "$conf/60-webnova.conf"
    printf "listen_addresses = 'localhost,%s'\n" "$address" > "$conf/61-webnova-listen.conf"
done
systemctl restart postgresql
runuser -u postgres -- psql -X -q -d postgres -f "$roles_sql"
"""

PRIVATE_ADDRESS = r"""#!/bin/sh
# webnova-private-address SUBNET [TRIES]: this server's IPv4 address in SUBNET, once it has one.
set -eu
subnet=$1
tries=${2:-90}
while :; do
    address=$(ip -4 -o addr show to "$subnet" | awk '{print $4}' | cut -d/ -f1 | head -n 1)
    if [ -n "$address" ]; then
        echo "$address"
        exit 0
    fi
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
        echo "webnova-private-address: this server has no address in $subnet" >&2
        exit 1
    fi
    sleep 2
done
"""

DB_PASSWORDS = r"""#!/bin/sh
# webnova-db-passwords [FILE]: set the logins' SCRAM verifiers the console wrote, then remove FILE.
set -eu
file=${1:-/etc/webnova/db-passwords}
if [ ! -f "$file" ]; then
    echo "webnova-db-passwords: $file does not exist" >&2
    exit 2
fi
sql=""
line=0
while read -r role verifier rest || [ -n "${role:-}" ]; do
    line=$((line + 1))
    [ -z "$role" ] && continue
    if [ -n "$rest" ] || ! printf '%s\n' "$role" | grep -Eq '^[a-z_][a-z0-9_]{0,62}$'; then
        echo "webnova-db-passwords: $file line $line: expected 'ROLE VERIFIER'" >&2
        exit 2
    fi
    if ! printf '%s\n' "$verifier" | grep -Eq '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$'; then
        echo "webnova-db-passwords: $file line $line: the entry for $role is not a SCRAM-SHA-256 verifier" >&2
        exit 2
    fi
    sql="$sql ALTER ROLE \"$role\" PASSWORD '$verifier';"
done < "$file"
if [ -z "$sql" ]; then
    echo "webnova-db-passwords: $file names no role" >&2
    exit 2
fi
printf 'BEGIN;%s\nCOMMIT;\n' "$sql" | ${WEBNOVA_PSQL:-runuser -u postgres -- psql} -X -q -v ON_ERROR_STOP=1 -d postgres
rm -f "$file"
"""

CADDY_SITE_SCRIPT = r"""#!/bin/sh
# webnova-caddy-site FILE: check the Caddyfile the console wrote, put it in place, reload Caddy.
set -eu
file=${1:-}
target=${WEBNOVA_CADDYFILE:-/etc/caddy/Caddyfile}
reload=${WEBNOVA_CADDY_RELOAD:-systemctl reload caddy.service}
if [ -z "$file" ] || [ ! -f "$file" ]; then
    echo "webnova-caddy-site: ${file:-FILE} does not exist (usage: webnova-caddy-site FILE)" >&2
    exit 2
fi
trap 'rm -f "$file" "$target.new"' EXIT
if ! out=$(caddy validate --config "$file" --adapter caddyfile 2>&1); then
    reason=$(printf '%s\n' "$out" | grep '^Error:' | tail -n 1)
    echo "webnova-caddy-site: the new Caddyfile is refused, nothing changed: ${reason:-caddy validate failed}" >&2
    exit 2
fi
cat "$file" > "$target.new"
chmod 0644 "$target.new"
if [ -f "$target" ]; then
    cp -p "$target" "$target.previous"
fi
mv "$target.new" "$target"
if ! $reload; then
    if [ -f "$target.previous" ]; then
        cp -p "$target.previous" "$target"
        $reload || true
    fi
    echo "webnova-caddy-site: Caddy did not take the new Caddyfile; the previous one is back" >&2
    exit 1
fi
"""
