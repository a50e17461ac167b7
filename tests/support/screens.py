"""Screenshots of every pane of the console, in English and Arabic, at a given size:
``python -m tests.support.screens OUTDIR [--size 1180x720] [--theme light|dark]
[--empty] [--prefix NAME-]``. Runs offscreen on a fresh workspace under a temporary
WEBNOVA_HOME, with a blueprint, some events, a user and a pending approval request in it
(none of these with ``--empty``, to see the panes' empty states)."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1180x720")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--empty", action="store_true", help="a workspace with nothing in it")
    parser.add_argument("--prefix", default="", help="put before each file name")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["WEBNOVA_HOME"] = tempfile.mkdtemp(prefix="webnova-screens-")
    os.environ["WEBNOVA_KEYRING"] = "memory"
    os.environ.setdefault("WEBNOVA_USER", "root")
    from app.gui.app import create_application
    from app.gui.qt import QApplication, asyncio_event_loop
    from app.gui.shell import Shell

    app = create_application()
    loop = asyncio_event_loop(app)
    asyncio.set_event_loop(loop)
    width, height = (int(n) for n in args.size.split("x"))

    async def shoot() -> None:
        shell = Shell(app)
        shell.window.resize(width, height)
        shell.window.show()
        shell.start()
        while shell.session.workspace is None:
            await asyncio.sleep(0.1)
        if not args.empty:
            fill(shell.session.workspace)
        shell.themes.set_preference(args.theme)
        await asyncio.sleep(1.0)
        args.out.mkdir(parents=True, exist_ok=True)
        window = shell.window
        for language in ("en", "ar"):
            shell.languages.apply(language)
            for row in range(window.navigation.count()):
                window.navigation.setCurrentRow(row)
                await asyncio.sleep(0.8)
                slug = ("pane" if language == "ar" else window.navigation.item(row).text().lower()
                        ).replace(" ", "_")
                name = f"{args.prefix}{row:02d}_{slug}_{language}.png"
                window.grab().save(str(args.out / name))
        shell.languages.apply("en")
        shell.themes.set_preference("system")
        shell.close()

    with loop:
        loop.run_until_complete(shoot())
    QApplication.processEvents()
    return 0


def fill(workspace: object) -> None:
    """A blueprint, a user, a pending approval request (and the events and audit entries
    these make)."""
    from app.domain.governance.actions import USER_BAN, ActionDescriptor
    from app.domain.governance.users import Role

    workspace.blueprints.create_from_template_now("healthcare", "clinic", "root")  # type: ignore[attr-defined]
    governance = workspace.governance  # type: ignore[attr-defined]
    governance.ensure_owner_now()
    workspace.users.add("admin-operations", "Operations administrator", Role.ADMIN, by="root")  # type: ignore[attr-defined]
    governance.submit_now(
        ActionDescriptor(USER_BAN, "admin-operations", workspace.entry.tenant_id, "root",  # type: ignore[attr-defined]
                         context={"reason": "shared customer records"}),
        "Posted other customers' records in a public channel")


if __name__ == "__main__":
    sys.exit(main())
