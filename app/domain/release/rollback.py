"""What rolling an environment back to an earlier release does to its database, said in
English and Arabic before the owner chooses and in the approval request.

When migrations ran since the earlier release, the database's schema is newer than that
release knows, and there are two ways back, both losing data:

- ``downgrade``: the newer release's migrations run down to the earlier release's head
  revision (only the newer release knows how to go down); columns and tables added
  since are dropped with their data.
- ``restore``: the database is restored from the dump taken before the first deploy after
  the earlier release; every change written since that dump is lost.

Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.bidi import ltr

SWITCH, DOWNGRADE, RESTORE = "switch", "downgrade", "restore"
CHOICES = (DOWNGRADE, RESTORE)
OPTION = {DOWNGRADE: "--downgrade", RESTORE: "--restore-backup"}


def revision_of(alembic_line: str) -> str:
    """The revision in a line of ``alembic current`` or ``alembic heads`` ("abc123 (head)");
    "" for a database with no revision (nothing migrated yet)."""
    words = alembic_line.split()
    return words[0] if words else ""


def backup_time(backup_id: str) -> str:
    """A backup's id (its UTC time stamp, ``20261204T114500Z``) as people read it."""
    try:
        at = datetime.strptime(backup_id, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return backup_id
    return at.strftime("%Y-%m-%d %H:%M:%S UTC")


@dataclass(frozen=True)
class Consequence:
    choice: str
    en: str
    ar: str


def downgrade_consequence(target: int, current: int, revision: str) -> Consequence:
    return Consequence(
        DOWNGRADE,
        f"downgrade: the database is migrated down to release {target}'s revision {revision} "
        f"with release {current}'s migrations; columns and tables added by releases after "
        f"{target} are dropped with their data (kept only in the dump taken first)",
        f"خفض الترحيل: تُرحَّل قاعدة البيانات نزولاً إلى مراجعة الإصدار {target} ({ltr(revision)}) "
        f"بترحيلات الإصدار {current}؛ تُحذف الأعمدة والجداول التي أضافتها الإصدارات بعد "
        f"{target} مع بياناتها (ولا تبقى إلا في النسخة الاحتياطية المأخوذة قبل ذلك)")


def restore_consequence(backup_id: str, before_release: int) -> Consequence:
    at = backup_time(backup_id)
    return Consequence(
        RESTORE,
        f"restore the backup: the database is restored from the backup taken at {at}, before "
        f"release {before_release} was deployed; every change written since {at} is lost "
        f"(kept only in the dump taken first)",
        f"استعادة النسخة الاحتياطية: تُستعاد قاعدة البيانات من النسخة الاحتياطية المأخوذة في "
        f"{ltr(at)} قبل نشر الإصدار {before_release}؛ يضيع كل تغيير كُتب منذ {ltr(at)} "
        f"(ولا يبقى إلا في النسخة الاحتياطية المأخوذة قبل ذلك)")


def plan_texts(platform: str, environment: str, target: int, current: int,
               consequence: Consequence | None) -> tuple[str, str]:
    """The approval request's ``plan`` and ``plan_ar``: what the rollback does, and the
    consequence of the chosen way back (none when no migration ran since)."""
    en = f"roll {platform} {environment} back from release {current} to release {target}"
    ar = f"إرجاع {platform} {environment} من الإصدار {current} إلى الإصدار {target}"
    if consequence is None:
        return (f"{en}; no migration ran since release {target}, the database is not touched",
                f"{ar}؛ لم يجرِ أي ترحيل منذ الإصدار {target}، ولا تُمسّ قاعدة البيانات")
    return f"{en}. {consequence.en}", f"{ar}. {consequence.ar}"
