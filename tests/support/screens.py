"""Screenshots of every pane of the console, in English and Arabic, at a given size:
``python -m tests.support.screens OUTDIR [--size 1180x720]``. Runs offscreen on a fresh
workspace under a temporary WEBNOVA_HOME, with a blueprint and some events in it."""

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
    with_blueprint = "--empty" not in (argv or sys.argv)

    async def shoot() -> None:
        shell = Shell(app)
        shell.window.resize(width, height)
        shell.window.show()
        shell.start()
        while shell.session.workspace is None:
            await asyncio.sleep(0.1)
        if with_blueprint:
            shell.session.workspace.blueprints.create_from_template_now("healthcare", "clinic", "root")
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
                window.grab().save(str(args.out / f"{row:02d}_{slug}_{language}.png"))
        shell.languages.apply("en")
        shell.close()

    with loop:
        loop.run_until_complete(shoot())
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
