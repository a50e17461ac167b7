"""Where the console finds its own files and keeps the user's.

``WEBNOVA_HOME`` moves configuration and data under one folder (tests, portable use);
otherwise platformdirs gives the per-user folders of the operating system.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "webnova-console"


def install_root() -> Path:
    """The folder holding resources/, migrations/ and translations/ (source tree or bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def migrations_dir() -> Path:
    return install_root() / "migrations"


def translations_dir() -> Path:
    return install_root() / "translations"


def _home() -> Path | None:
    value = os.environ.get("WEBNOVA_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME))


def default_workspace_path() -> Path:
    return data_dir() / "workspaces" / "local.sqlite3"
