"""A platform's folder as a git repository (dulwich, pure Python: no git needed).

Implements the codegen service's PlatformRepository port: reading and writing files by
relative path (never outside the folder), a lock against two generations at once, one
commit per generation, history, and restoring an earlier generation as a new commit."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from dulwich.errors import NotGitRepository
from dulwich.object_store import iter_tree_contents
from dulwich.objects import Blob, Commit, ObjectID
from dulwich.repo import Repo

from app.domain.codegen.manifest import STATE_DIR
from app.domain.codegen.results import GenerationCommit
from app.domain.codegen.spec import CodegenError

LOCK_PATH = f"{STATE_DIR}/lock"
_TRAILER = re.compile(r"^(Blueprint|Blueprint-Version):\s*(\S+)\s*$", re.MULTILINE)


def _refused(path: str) -> CodegenError:
    return CodegenError(f"refusing the path {path!r}: it leaves the platform folder",
                        f"رُفض المسار «{path}»: إنه يخرج من مجلد المنصة")


def _identity(author: str) -> bytes:
    name = re.sub(r"[<>\n]", "", author).strip() or "owner"
    local = re.sub(r"[^A-Za-z0-9._-]", "-", name)
    return f"{name} <{local}@webnova.local>".encode()


class GitPlatformRepository:
    def __init__(self, root: Path, create: bool) -> None:
        self._root = root.expanduser().resolve()
        self._repo: Repo | None = None
        if create:
            self._root.mkdir(parents=True, exist_ok=True)
        elif not self._root.is_dir():
            return  # read as empty (a dry run of a first generation); git operations refuse
        try:
            self._repo = Repo(str(self._root))
        except NotGitRepository:
            self._repo = Repo.init(str(self._root)) if create else None

    @property
    def root(self) -> Path:
        return self._root

    def _git(self) -> Repo:
        if self._repo is None and not self._root.is_dir():
            raise CodegenError(f"there is no platform folder at {self._root}",
                               f"لا يوجد مجلد منصة في {self._root}")
        if self._repo is None:
            raise CodegenError(f"{self._root} is not a git repository, so it has no generations",
                               f"{self._root} ليس مستودع git، فلا توجد له أجيال سابقة")
        return self._repo

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()

    # ------------------------------------------------------------ files
    def _file(self, path: str) -> Path:
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or pure.parts[0] == ".git":
            raise _refused(path)
        return self._root.joinpath(*pure.parts)

    def read_text(self, path: str) -> str | None:
        file = self._file(path)
        try:
            data = file.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        # Undecodable bytes never equal generated text, so such a file is treated as yours.
        return data.decode("utf-8", errors="replace")

    def write_text(self, path: str, text: str) -> None:
        file = self._file(path)
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(text.encode("utf-8"))
            os.replace(temporary, file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def remove(self, path: str) -> None:
        file = self._file(path)
        with contextlib.suppress(FileNotFoundError):
            file.unlink()
        parent = file.parent
        while parent != self._root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent

    def exists(self, path: str) -> bool:
        return self._file(path).is_file()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        if not self._root.is_dir():  # nothing to protect yet
            yield
            return
        lock = self._file(LOCK_PATH)
        lock.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(2):
            try:
                handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                break
            except FileExistsError:
                if not _stale(lock):
                    raise CodegenError(
                        f"another generation or rollback is working on {self._root}",
                        f"عملية توليد أو استرجاع أخرى تعمل على {self._root}",
                    ) from None
                with contextlib.suppress(FileNotFoundError):
                    lock.unlink()
        else:  # pragma: no cover - the stale lock reappeared between two attempts
            raise CodegenError(f"{self._root} is locked", f"{self._root} مقفل")
        try:
            os.write(handle, str(os.getpid()).encode())
            os.close(handle)
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            with contextlib.suppress(OSError):
                lock.parent.rmdir()  # only when empty: a cancelled first generation leaves nothing

    # ------------------------------------------------------------ git
    def commit(self, message: str, paths: Sequence[str], author: str) -> str | None:
        repo = self._git()
        worktree = repo.get_worktree()
        index = repo.open_index()
        wanted = [p for p in paths if self.exists(p) or p.encode() in index]
        if wanted:
            worktree.stage(wanted)
        index = repo.open_index()
        tree_id = index.commit(repo.object_store)
        head = self._head()
        if head is not None and self._commit(head).tree == tree_id:
            return None
        identity = _identity(author)
        commit_id = worktree.commit(message=message.encode("utf-8"), committer=identity, author=identity)
        return commit_id.decode("ascii")

    def _head(self) -> ObjectID | None:
        try:
            return self._git().head()
        except KeyError:
            return None

    def _commit(self, commit_id: ObjectID) -> Commit:
        commit = self._git()[commit_id]
        assert isinstance(commit, Commit)
        return commit

    def _resolve(self, commit: str) -> Commit:
        repo = self._git()
        wanted = commit.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{4,40}", wanted):
            raise CodegenError(f"{commit!r} is not a commit id", f"«{commit}» ليس معرّف حفظ")
        head = self._head()
        if head is not None:
            for entry in repo.get_walker(include=[head]):
                if entry.commit.id.decode("ascii").startswith(wanted):
                    return entry.commit
        raise CodegenError(f"no generation {commit!r} in the history of {self._root}",
                           f"لا يوجد جيل «{commit}» في تاريخ {self._root}")

    def history(self, limit: int) -> list[GenerationCommit]:
        head = self._head()
        if head is None:
            return []
        result = []
        for entry in self._git().get_walker(include=[head], max_entries=limit):
            commit = entry.commit
            message = commit.message.decode("utf-8", errors="replace")
            trailers = dict(_TRAILER.findall(message))
            version = trailers.get("Blueprint-Version")
            result.append(GenerationCommit(
                id=commit.id.decode("ascii"),
                time=datetime.fromtimestamp(commit.commit_time, UTC),
                author=commit.author.decode("utf-8", errors="replace").split(" <")[0],
                summary=message.splitlines()[0] if message else "",
                blueprint=trailers.get("Blueprint"),
                version=int(version) if version and version.isdigit() else None,
            ))
        return result

    def _tree_files(self, tree_id: ObjectID) -> dict[str, ObjectID]:
        store = self._git().object_store
        return {entry.path.decode("utf-8"): entry.sha
                for entry in iter_tree_contents(store, tree_id)
                if entry.path is not None and entry.sha is not None}

    def changed_files(self) -> list[str]:
        head = self._head()
        if head is None:
            return []
        changed = []
        for path, sha in sorted(self._tree_files(self._commit(head).tree).items()):
            file = self._file(path)
            try:
                data = file.read_bytes()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                changed.append(path)
                continue
            if Blob.from_string(data).id != sha:
                changed.append(path)
        return changed

    def restore(self, commit: str, message: str, author: str) -> tuple[str, list[str]]:
        repo = self._git()
        target = self._resolve(commit)
        head = self._head()
        current = self._tree_files(self._commit(head).tree) if head is not None else {}
        wanted = self._tree_files(target.tree)
        changed = []
        for path in sorted(set(current) | set(wanted)):
            if path in wanted:
                blob = repo[wanted[path]]
                assert isinstance(blob, Blob)
                file = self._file(path)
                if not file.is_file() or Blob.from_string(file.read_bytes()).id != blob.id:
                    file.parent.mkdir(parents=True, exist_ok=True)
                    file.write_bytes(blob.as_raw_string())
                    changed.append(path)
            else:
                self.remove(path)
                changed.append(path)
        new_commit = self.commit(message + f"\n\nRestores: {target.id.decode('ascii')}\n",
                                 sorted(set(current) | set(wanted)), author)
        return new_commit or (head or b"").decode("ascii"), changed


def _stale(lock: Path) -> bool:
    """A lock whose process is gone (a crash) does not hold."""
    try:
        pid = int(lock.read_text(encoding="ascii").strip() or "0")
    except (OSError, ValueError):
        return True
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def open_platform_repository(root: Path, create: bool) -> GitPlatformRepository:
    return GitPlatformRepository(root, create)

