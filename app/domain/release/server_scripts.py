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
- ``webnova-db-drill``: a backup drill's hook (run through ``sudo`` with the dump on
  standard input): the dump restored into a scratch database as ``postgres``, each table's
  rows printed (JSON), the scratch database dropped whatever happens.
- ``webnova-db-backup DIR KEEP``: the daily timer's dump of each platform database into
  ``DIR/<key>/`` and the retention of the newest KEEP scheduled dumps.
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

# ---------------------------------------------------------------- database backups
# One dump, the same way everywhere (the console's ``take_backup`` sends this function with
# each call; the daily timer's script carries the same text): ``pg_dump`` in the custom
# format and, in the very same snapshot, the number of rows of every table, written beside
# the dump as ``<dump>.counts.json`` (what ``backup drill`` compares a restore with). The
# dump and its counts appear whole (``.part`` files renamed) or not at all.
BACKUP_DIR = "/srv/webnova-data/release-backups"  # one folder per platform, ``<key>.env`` beside it
KEEP_DAILY = 14  # scheduled dumps kept when the blueprint's environment sets no retention
DRILL_HOOK = "/usr/local/sbin/webnova-db-drill"
SCHEDULED_BACKUP_PATH = "/usr/local/sbin/webnova-db-backup"

COUNT_ROWS_SQL = (
    "SELECT coalesce(json_object_agg(t.name, t.n ORDER BY t.name), '{}') FROM ("
    "SELECT format('%I.%I', s.nspname, c.relname) AS name, (xpath('/row/n/text()', "
    "query_to_xml(format('SELECT count(*) AS n FROM %I.%I', s.nspname, c.relname), "
    "false, true, '')))[1]::text::bigint AS n FROM pg_class c "
    "JOIN pg_namespace s ON s.oid = c.relnamespace WHERE c.relkind = 'r' "
    "AND s.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND s.nspname NOT LIKE 'pg\\_%') t")

DUMP_FUNCTION = r"""
webnova_dump() {  # ENV_FILE PATH [DATABASE]: the database (default: ENV_FILE's PGDATABASE) into PATH
    (
    set -a; . "$1" || exit 1; set +a
    if [ -n "${3:-}" ]; then export PGDATABASE="$3"; fi
    out=$2
    umask 077
    mkdir -p "$(dirname "$out")" || exit 1
    if [ -e "$out" ]; then echo "$out exists already" >&2; exit 17; fi
    trap 'rm -f "$out.part" "$out.part.ok" "$out.counts.part"' EXIT
    rm -f "$out.part" "$out.part.ok" "$out.counts.part"
    export WEBNOVA_DUMP_TO="$out.part"
    psql -X -q -At -v ON_ERROR_STOP=1 -o "$out.counts.part" <<'SQL' || exit 1
BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;
SELECT pg_export_snapshot() AS snapshot \gset
\setenv WEBNOVA_SNAPSHOT :snapshot
\! pg_dump --format=custom --enable-row-security --no-password --snapshot="$WEBNOVA_SNAPSHOT" --file="$WEBNOVA_DUMP_TO" && : > "$WEBNOVA_DUMP_TO.ok"
""" + COUNT_ROWS_SQL + r""";
COMMIT;
SQL
    [ -f "$out.part.ok" ] || { echo "pg_dump of $PGDATABASE failed" >&2; exit 1; }
    mv "$out.counts.part" "$out.counts.json" && mv "$out.part" "$out" || exit 1
    stat -c %s "$out"
    )
}
"""

SCHEDULED_BACKUP = r"""#!/bin/sh
# webnova-db-backup DIR KEEP: the daily dump of each platform database the console prepared
# (DIR/<key>.env, written by the console) into DIR/<key>/<UTC time>-scheduled.dump, then
# the scheduled dumps of that platform beyond the newest KEEP are deleted. Dumps taken
# before a deploy or by hand are never deleted here.
set -eu
dir=$1
keep=$2
case "$keep" in ''|*[!0-9]*|0) echo "webnova-db-backup: KEEP must be a whole number of at least 1, not '$keep'" >&2; exit 2 ;; esac
""" + DUMP_FUNCTION + r"""
status=0
for env in "$dir"/*.env; do
    [ -f "$env" ] || continue
    key=$(basename "$env" .env)
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    if ! webnova_dump "$env" "$dir/$key/$stamp-scheduled.dump" > /dev/null; then
        echo "webnova-db-backup: $key: the dump failed; no older dump was deleted" >&2
        status=1
        continue
    fi
    echo "webnova-db-backup: $key: $stamp-scheduled.dump"
    ls -1 "$dir/$key" | grep -E '^[0-9]{8}T[0-9]{6}Z-scheduled\.dump$' | sort -r \
        | tail -n "+$((keep + 1))" | while read -r old; do
        rm -f "$dir/$key/$old" "$dir/$key/$old.counts.json"
        echo "webnova-db-backup: $key: deleted $old (beyond the newest $keep)"
    done
done
exit "$status"
"""

DB_DRILL = r"""#!/bin/sh
# webnova-db-drill: the dump given on standard input (a file redirected, not a pipe) restored
# into a scratch database made for it; prints the scratch database's name and then the rows
# of each of its tables (JSON); the scratch database is dropped whatever happens.
set -eu
as=${WEBNOVA_PG_AS-runuser -u postgres --}
scratch="webnova_drill_$$"
drop() {
    if ! $as psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" > /dev/null; then
        echo "webnova-db-drill: the scratch database $scratch could not be dropped" >&2
        exit 5
    fi
}
$as psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$scratch\" TEMPLATE template0" > /dev/null
trap drop EXIT
echo "scratch $scratch"
if ! $as pg_restore --exit-on-error --single-transaction --no-password -d "$scratch"; then
    echo "webnova-db-drill: the dump could not be restored into $scratch (dropped again)" >&2
    exit 3
fi
$as psql -X -q -At -v ON_ERROR_STOP=1 -d "$scratch" -c """ + f'"{COUNT_ROWS_SQL}"' + r"""
"""
