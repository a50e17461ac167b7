"""The generated platforms' git repositories as the release service reads them: which
generation carries which blueprint version, a file as committed, and a clean export of
a commit (its files only, never the working tree's edits or leftovers)."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from dulwich.errors import NotGitRepository
from dulwich.object_store import iter_tree_contents
from dulwich.objects import Blob, Commit
from dulwich.repo import Repo

from app.domain.codegen.results import GenerationCommit
from app.domain.release.manifest import ReleaseError
from app.integrations.git_repo import open_platform_repository
from app.store.platform_registry import JsonPlatformRegistry

_LINK = 0o120000
_SUBMODULE = 0o160000


class GitPlatformSource:
    """Implements the release service's PlatformSource port."""

    def __init__(self, registry: JsonPlatformRegistry | None = None) -> None:
        self.registry = registry or JsonPlatformRegistry()

    def folder(self, platform: str) -> Path | None:
        return self.registry.lookup(platform)

    def generations(self, folder: Path) -> list[GenerationCommit]:
        repo = open_platform_repository(folder, create=False)
        try:
            return repo.history(10_000)
        finally:
            repo.close()

    def read(self, folder: Path, commit: str, path: str) -> bytes | None:
        with _OpenRepo(folder) as repo:
            return next((data for rel, _mode, data in _files(repo, commit) if rel == path), None)

    def export(self, folder: Path, commit: str, dest: Path) -> list[str]:
        written = []
        with _OpenRepo(folder) as repo:
            for rel, mode, data in _files(repo, commit):
                target = dest.joinpath(*PurePosixPath(rel).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                os.chmod(target, 0o755 if mode & 0o111 else 0o644)
                written.append(rel)
        return written


class _OpenRepo:
    def __init__(self, folder: Path) -> None:
        try:
            self.repo = Repo(str(folder))
        except (NotGitRepository, FileNotFoundError):
            raise ReleaseError(f"{folder} is not a platform's git repository") from None

    def __enter__(self) -> Repo:
        return self.repo

    def __exit__(self, *_exc: object) -> None:
        self.repo.close()


def _files(repo: Repo, commit: str) -> list[tuple[str, int, bytes]]:
    try:
        found = repo[commit.encode("ascii")]
    except (KeyError, ValueError):
        raise ReleaseError(f"commit {commit} is not in {repo.path}") from None
    if not isinstance(found, Commit):
        raise ReleaseError(f"{commit} is not a commit of {repo.path}")
    result = []
    for entry in iter_tree_contents(repo.object_store, found.tree):
        if entry.path is None or entry.sha is None or entry.mode is None:
            continue
        path = entry.path.decode("utf-8")
        parts = PurePosixPath(path).parts
        if entry.mode in (_LINK, _SUBMODULE) or ".." in parts or path.startswith("/"):
            continue  # a release holds plain files only
        blob = repo[entry.sha]
        assert isinstance(blob, Blob)
        result.append((path, entry.mode, blob.as_raw_string()))
    return result
