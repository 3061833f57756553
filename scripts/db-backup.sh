#!/usr/bin/env bash
# Backup and restore of one BlendPOS database with PostgreSQL's own tools. Called by `./blendpos backup|restore`,
# which finds the binaries and the server; usable alone with the same variables:
#
#   PG_BIN=/usr/lib/postgresql/15/bin PGHOST=127.0.0.1 PGPORT=55432 PGUSER=postgres \
#     scripts/db-backup.sh backup  DATABASE FILE
#     scripts/db-backup.sh restore DATABASE FILE [--yes]
#
# backup:  pg_dump -Fc to FILE (written beside as FILE.partial, renamed when complete) and FILE.sha256.
# restore: refuses a FILE that does not match FILE.sha256 or is not a custom-format archive, before touching anything;
#          an existing DATABASE is overwritten only after confirmation (or --yes); a missing one is created. One
#          transaction: a restore that fails leaves the database as it was.
set -euo pipefail

say() { printf 'blendpos: %s\n' "$*" >&2; }
die() { printf 'blendpos: error: %s\n' "$*" >&2; exit 1; }

: "${PG_BIN:?PG_BIN must name the PostgreSQL binaries folder}"
: "${PGHOST:=127.0.0.1}" "${PGUSER:=postgres}" "${PGPORT:?PGPORT must be set}"
export PGHOST PGPORT PGUSER

psql_q() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
db_exists() { [[ $(psql_q -tA -c "SELECT 1 FROM pg_database WHERE datname = '${1//\'/\'\'}'") == 1 ]]; }

do_backup() {
  local db=$1 file=$2
  db_exists "$db" || die "database $db does not exist on $PGHOST:$PGPORT"
  mkdir -p "$(dirname "$file")"
  local dir base
  dir="$(cd "$(dirname "$file")" && pwd -P)"
  base="$(basename "$file")"
  rm -f "$dir/$base.partial"
  "$PG_BIN/pg_dump" -Fc -d "$db" -f "$dir/$base.partial" || { rm -f "$dir/$base.partial"; die "pg_dump of $db failed"; }
  mv -f "$dir/$base.partial" "$dir/$base"
  (cd "$dir" && sha256sum "$base" >"$base.sha256")
  say "backup of $db: $dir/$base ($(du -h "$dir/$base" | cut -f1)), checksum in $base.sha256"
  echo "$dir/$base"
}

verify() {
  local file=$1 sum="$1.sha256" expected actual
  [[ -f $file ]] || die "$file not found"
  [[ -f $sum ]] || die "no checksum beside the backup ($sum): refusing to restore a file that cannot be verified. If you trust it, write one with: sha256sum $(basename "$file") > $(basename "$sum")"
  expected="$(awk 'NR == 1 {print $1}' "$sum")"
  actual="$(sha256sum "$file" | awk '{print $1}')"
  [[ $expected == "$actual" ]] ||
    die "$file does not match its checksum ($sum): the file is damaged or was changed. Nothing was restored."
  "$PG_BIN/pg_restore" --list "$file" >/dev/null 2>&1 ||
    die "$file matches its checksum but is not a pg_dump custom-format archive. Nothing was restored."
  say "checksum OK: $file"
}

confirm() {
  local question=$1 answer=""
  [[ -t 0 ]] || die "$question No terminal to ask on: pass --yes"
  printf 'blendpos: %s Type "yes" to go on: ' "$question" >&2
  read -r answer || true
  [[ $answer == yes ]] || die "cancelled: nothing was restored"
}

do_restore() {
  local db=$1 file=$2 yes=${3:-}
  verify "$file"
  if db_exists "$db"; then
    [[ $yes == --yes ]] ||
      confirm "This replaces every table of database $db on $PGHOST:$PGPORT with the contents of $(basename "$file")."
  else
    psql_q -c "CREATE DATABASE \"${db//\"/\"\"}\""
    say "database $db created"
  fi
  "$PG_BIN/pg_restore" --clean --if-exists --no-owner --single-transaction --exit-on-error -d "$db" "$file" ||
    die "pg_restore into $db failed; the transaction was rolled back"
  say "restored $(basename "$file") into $db on $PGHOST:$PGPORT"
}

case "${1:-}" in
  backup) (($# == 3)) || die "usage: db-backup.sh backup DATABASE FILE"; do_backup "$2" "$3" ;;
  restore) (($# >= 3)) || die "usage: db-backup.sh restore DATABASE FILE [--yes]"; do_restore "$2" "$3" "${4:-}" ;;
  *) die "usage: db-backup.sh backup|restore DATABASE FILE [--yes]" ;;
esac
