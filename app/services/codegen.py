"""Code generation as a use case: a blueprint version becomes a platform folder, and a
later version regenerates it, keeping the owner's edits.

The folder is a git repository (one commit per generation). ``.webnova/manifest.json``
records each generated file's hash; ``.webnova/base/`` keeps the last generated text of
each file, the common ancestor for three-way merges. Rendering and comparing can be
cancelled between files; writing, once started, completes (and is safe to redo)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from app.domain.bidi import ltr
from app.domain.blueprint.findings import Finding, Severity
from app.domain.blueprint.model import Blueprint
from app.domain.blueprint.validation import ComplianceCheck, canonical_document, validate_document
from app.domain.codegen.lock import (
    LOCK_FILES,
    LockChange,
    lock_changes,
    parse_lock,
    without_billing,
)
from app.domain.codegen.manifest import (
    CONFLICT_SUFFIX,
    MANIFEST_PATH,
    BlueprintRef,
    Manifest,
    base_path,
    document_hash,
    sha256_text,
)
from app.domain.codegen.merge import ChangeKind, FileDecision, decide
from app.domain.codegen.plan import (
    PreviousGeneration,
    RenderJob,
    migration_jobs,
    normalise,
    render_jobs,
)
from app.domain.codegen.results import (
    FileChange,
    GenerationCancelledError,
    GenerationCommit,
    GenerationProgress,
    GenerationResult,
)
from app.domain.codegen.spec import CodegenError, PlatformSpec, build_spec
from app.domain.governance.audit import AuditRecord
from app.domain.plurals import count
from app.services.approvals import AuditSink
from app.services.ports import DatabaseRunner

ProgressCallback = Callable[[GenerationProgress], None]


# ------------------------------------------------------------------ ports
class TemplateRenderer(Protocol):
    def render(self, template: str, context: dict[str, Any]) -> str: ...


class PlatformRepository(Protocol):
    """A platform's folder under version control. Paths are relative, with '/'."""

    @property
    def root(self) -> Path: ...

    def read_text(self, path: str) -> str | None: ...

    def write_text(self, path: str, text: str) -> None: ...

    def remove(self, path: str) -> None: ...

    def exists(self, path: str) -> bool: ...

    def locked(self) -> AbstractContextManager[None]:
        """Excludes a second generation or rollback of the same folder meanwhile."""
        ...

    def commit(self, message: str, paths: Sequence[str], author: str) -> str | None:
        """Record ``paths`` (written or deleted) as a commit; None when nothing changed."""
        ...

    def history(self, limit: int) -> list[GenerationCommit]: ...

    def changed_files(self) -> list[str]:
        """Tracked files whose content differs from the last commit."""
        ...

    def restore(self, commit: str, message: str, author: str) -> tuple[str, list[str]]:
        """Make the folder's tracked files what they were at ``commit``, as a new commit;
        the new commit's id and the paths that changed."""
        ...

    def close(self) -> None: ...


class RepositoryOpener(Protocol):
    def __call__(self, root: Path, create: bool) -> PlatformRepository: ...


class PlatformRegistry(Protocol):
    """Where each blueprint's platform was last generated, so ``runtime up KEY`` finds it."""

    def remember(self, key: str, root: Path) -> None: ...

    def lookup(self, key: str) -> Path | None: ...

    def known(self) -> dict[str, Path]: ...


class BlueprintSource(Protocol):
    def get_now(self, key: str, version: int | None = None) -> Any: ...


class ComplianceBlockedError(CodegenError):
    """The blueprint fails compliance checks: nothing is generated unless the owner approved
    generating it anyway (a governed override)."""

    def __init__(self, key: str, version: int | None, findings: list[Finding]) -> None:
        self.key, self.version, self.findings = key, version, findings
        listed = "; ".join(f"[{f.code}] {f.path}: {f.message_en}" for f in findings[:5])
        more = f" (and {len(findings) - 5} more)" if len(findings) > 5 else ""
        listed_ar = "؛ ".join(f"[{ltr(f.code)}] {ltr(f.path)}: {f.message_ar}" for f in findings[:5])
        super().__init__(
            f"blueprint {key!r} fails {count(len(findings), 'compliance check')}, so nothing was generated: "
            f"{listed}{more}. Fix the blueprint, or ask the owner to approve generating it anyway "
            f"(webnova generate {key} --override-compliance --why ...)",
            f"المخطط «{key}» لا يجتاز فحوص الامتثال، فلم يُولَّد شيء: {listed_ar}. أصلح المخطط، أو "
            "اطلب موافقة المالك على التوليد رغم ذلك",
        )

    @property
    def codes(self) -> list[str]:
        return sorted({f"{f.code}@{f.path}" for f in self.findings})


class LockSource(Protocol):
    """The package lock the console ships (and tested): file name -> text."""

    def shipped(self) -> dict[str, str]: ...


@dataclass(frozen=True)
class RollbackResult:
    root: Path
    commit: str
    restored: str
    paths: tuple[str, ...]


@dataclass
class _Planned:
    spec: PlatformSpec
    texts: dict[str, str]
    manifest: Manifest
    previous: Manifest | None
    decisions: list[tuple[FileDecision, str | None, str | None]]  # decision, before, new text
    warnings: list[str]
    lock_changes: tuple[LockChange, ...] = ()


def blueprint_from_document(document: dict[str, Any]) -> Blueprint:
    """A blueprint that passes its schema and cross-field rules, or CodegenError."""
    blueprint, report = validate_document(document)
    blocking = [f for f in report.findings if f.severity is Severity.error]
    if blueprint is None or blocking:
        first = blocking[0] if blocking else None
        raise CodegenError(
            f"the blueprint is not valid: {first.message_en if first else 'schema errors'}",
            f"المخطط غير صالح: {first.message_ar if first else 'أخطاء في البنية'}",
        )
    return blueprint


class CodegenService:
    def __init__(self, renderer: TemplateRenderer, open_repository: RepositoryOpener,
                 registry: PlatformRegistry | None = None, blueprints: BlueprintSource | None = None,
                 audit: AuditSink | None = None, tenant_id: str = "", actor: str = "owner",
                 runner: DatabaseRunner | None = None, locks: LockSource | None = None,
                 compliance: ComplianceCheck | None = None) -> None:
        self.renderer = renderer
        self.locks = locks
        self.compliance = compliance
        self.runner = runner
        self.open_repository = open_repository
        self.registry = registry
        self.blueprints = blueprints
        self.audit = audit
        self.tenant_id = tenant_id
        self.actor = actor

    # ------------------------------------------------------------ generation
    def generate_blueprint_now(self, key: str, out: Path, version: int | None = None,
                               **options: Any) -> GenerationResult:
        """Generate from a stored blueprint version (the latest when ``version`` is None)."""
        if self.blueprints is None:
            raise CodegenError("no workspace is open to read blueprints from",
                               "لا توجد مساحة عمل مفتوحة لقراءة المخططات منها")
        stored = self.blueprints.get_now(key, version)
        return self.generate_now(stored.blueprint, out, version=stored.version, **options)

    def generate_now(self, blueprint: Blueprint, out: Path, *, version: int | None = None,
                     progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
                     dry_run: bool = False, commit: bool = True, record: bool = True,
                     upgrade_lock: bool = False, compliance_override: str | None = None) -> GenerationResult:
        """Generate ``blueprint`` into ``out``. The platform keeps the package lock it has;
        ``upgrade_lock`` replaces it with the console's (tested) lock, listing what moved."""
        started = time.perf_counter()
        if compliance_override is None:
            self.require_compliance(blueprint, version)
        report = progress or (lambda _p: None)
        repo = self.open_repository(out, not dry_run)
        try:
            with repo.locked():
                planned = self._plan(blueprint, version, repo, report, cancel, upgrade_lock)
                changes = self._changes(planned)
                commit_id = None
                if not dry_run:
                    self._write(repo, planned, report)
                    if commit:
                        report(GenerationProgress("commit", 0, 1, ""))
                        commit_id = repo.commit(self._message(planned, changes),
                                                self._commit_paths(planned), self.actor)
                        report(GenerationProgress("commit", 1, 1, ""))
                    if self.registry is not None:
                        self.registry.remember(blueprint.key, repo.root)
        finally:
            repo.close()
        result = GenerationResult(
            key=blueprint.key, version=version, root=repo.root, package=planned.spec.package,
            files=changes, commit=commit_id, seconds=time.perf_counter() - started,
            dry_run=dry_run, warnings=tuple(planned.warnings),
            lock_changes=planned.lock_changes,
        )
        if record and not dry_run:
            self._record("codegen.generate", blueprint.key, _generation_payload(result),
                         "conflicts" if result.conflicts else "ok")
        return result

    def compliance_errors(self, blueprint: Blueprint) -> list[Finding]:
        if self.compliance is None:
            return []
        found = self.compliance(blueprint, canonical_document(blueprint))
        return [f for f in found if f.severity is Severity.error]

    def require_compliance(self, blueprint: Blueprint, version: int | None) -> None:
        """ComplianceBlockedError when the blueprint fails a compliance check."""
        errors = self.compliance_errors(blueprint)
        if errors:
            raise ComplianceBlockedError(blueprint.key, version, errors)

    async def generate(self, blueprint: Blueprint, out: Path, *, version: int | None = None,
                       progress: ProgressCallback | None = None,
                       cancel: threading.Event | None = None, dry_run: bool = False) -> GenerationResult:
        """``generate_now`` on a worker thread, for the GUI: ``progress`` is called on the
        event loop's thread; setting ``cancel`` stops it between files (before writing)."""
        loop = asyncio.get_running_loop()

        def forward(update: GenerationProgress) -> None:
            if progress is not None:
                loop.call_soon_threadsafe(progress, update)

        result = await asyncio.to_thread(
            lambda: self.generate_now(blueprint, out, version=version, progress=forward,
                                      cancel=cancel, dry_run=dry_run, record=False))
        await asyncio.sleep(0)  # let queued progress reports run before the result
        if not dry_run:
            await self._record_async("codegen.generate", blueprint.key, _generation_payload(result),
                                     "conflicts" if result.conflicts else "ok")
        return result

    async def history(self, out: Path, limit: int = 50) -> list[GenerationCommit]:
        return await asyncio.to_thread(self.history_now, out, limit)

    async def rollback(self, out: Path, commit: str, force: bool = False) -> RollbackResult:
        result = await asyncio.to_thread(lambda: self.rollback_now(out, commit, force, record=False))
        await self._record_async("codegen.rollback", str(result.root), _rollback_payload(result), "ok")
        return result

    # ------------------------------------------------------------ history
    def history_now(self, out: Path, limit: int = 50) -> list[GenerationCommit]:
        repo = self.open_repository(out, False)
        try:
            return repo.history(limit)
        finally:
            repo.close()

    def rollback_now(self, out: Path, commit: str, force: bool = False,
                     record: bool = True) -> RollbackResult:
        """The folder as it was at ``commit`` (a generation), recorded as a new commit.
        Refuses when tracked files have changes not yet committed, unless ``force``."""
        repo = self.open_repository(out, False)
        try:
            return self._rollback(repo, commit, force, record)
        finally:
            repo.close()

    def _rollback(self, repo: PlatformRepository, commit: str, force: bool, record: bool) -> RollbackResult:
        with repo.locked():
            dirty = repo.changed_files()
            if dirty and not force:
                listed = ", ".join(dirty[:5]) + (" …" if len(dirty) > 5 else "")
                raise CodegenError(
                    f"{count(len(dirty), 'file')} changed since the last commit ({listed}); "
                    "commit them first or roll back with force, which discards them",
                    f"تغيّرت منذ آخر حفظ: {count(len(dirty), 'file', 'ar')} ({ltr(listed)})؛ "
                    "احفظها أولًا أو استرجع بالقوة فتضيع تلك التغييرات",
                )
            new_commit, paths = repo.restore(commit, f"Roll back to generation {commit[:12]}", self.actor)
        result = RollbackResult(repo.root, new_commit, commit, tuple(paths))
        if record:
            self._record("codegen.rollback", str(repo.root), _rollback_payload(result), "ok")
        return result

    # ------------------------------------------------------------ steps
    def _plan(self, blueprint: Blueprint, version: int | None, repo: PlatformRepository,
              report: ProgressCallback, cancel: threading.Event | None,
              upgrade_lock: bool = False) -> _Planned:
        spec = build_spec(blueprint)
        warnings: list[str] = []
        previous = self._previous(repo, warnings)
        previous_generation = None
        if previous is not None:
            texts = {}
            for path in previous.migrations:
                text = repo.read_text(base_path(path)) or repo.read_text(path)
                if text is None:
                    warnings.append(f"migration {path} is missing; the chain continues without it")
                else:
                    texts[path] = text
            previous_generation = PreviousGeneration(previous, texts)
        migrations, schema = migration_jobs(spec, previous_generation)
        locks, changes = self._locks(repo, previous, upgrade_lock, spec.billing is not None)
        jobs: list[RenderJob] = [*render_jobs(spec), *migrations,
                                 *(RenderJob(path, content=text) for path, text in locks.items())]
        texts = {}
        for index, job in enumerate(jobs):
            _check(cancel)
            report(GenerationProgress("render", index, len(jobs), job.path))
            if job.content is not None:
                texts[job.path] = normalise(job.content)
            else:
                assert job.template is not None
                texts[job.path] = normalise(self.renderer.render(job.template, {"p": spec, **job.context}))
        report(GenerationProgress("render", len(jobs), len(jobs), ""))
        manifest = Manifest(
            blueprint=BlueprintRef(blueprint.key, version, document_hash(canonical_document(blueprint))),
            package=spec.package,
            files={path: sha256_text(text) for path, text in texts.items()},
            schema=schema,
            migrations=tuple(j.path for j in migrations),
        )
        paths = sorted(set(texts) | set(previous.files if previous else ()))
        decisions = []
        for index, path in enumerate(paths):
            _check(cancel)
            report(GenerationProgress("compare", index, len(paths), path))
            new = texts.get(path)
            current = repo.read_text(path)
            base = repo.read_text(base_path(path)) if previous and path in previous.files else None
            recorded = previous.files.get(path) if previous else None
            unresolved = bool(previous and path in previous.conflicts and repo.exists(path + CONFLICT_SUFFIX))
            decision = decide(path, base, new, current,
                              recorded_hash_matches=current is not None and sha256_text(current) == recorded,
                              unresolved=unresolved)
            decisions.append((decision, current, new))
        report(GenerationProgress("compare", len(paths), len(paths), ""))
        conflicts = tuple(d.path for d, _, _ in decisions if d.kind is ChangeKind.conflict and d.path in texts)
        manifest = Manifest(manifest.blueprint, manifest.package, manifest.files, manifest.schema,
                            manifest.migrations, conflicts)
        return _Planned(spec, texts, manifest, previous, decisions, warnings, changes)

    def _locks(self, repo: PlatformRepository, previous: Manifest | None, upgrade: bool,
               selling: bool) -> tuple[dict[str, str], tuple[LockChange, ...]]:
        """The platform's lock files: those it was generated with, or (for a new platform,
        when ``upgrade``, or when a platform starts selling through Stripe) the console's
        shipped lock (without the billing packages for a platform that sells nothing), and
        the packages that move."""
        if self.locks is None:
            if upgrade:
                raise CodegenError("this console has no package lock to upgrade to",
                                   "لا تتضمن وحدة التحكم هذه قفل حزم للترقية إليه")
            return {}, ()
        shipped = self.locks.shipped()
        result: dict[str, str] = {}
        changes: tuple[LockChange, ...] = ()
        for path in LOCK_FILES:
            kept = repo.read_text(base_path(path)) if previous and path in previous.files else None
            if kept is not None and not upgrade and (not selling or "stripe==" in kept):
                result[path] = kept
                continue
            result[path] = shipped[path] if selling else without_billing(shipped[path])
            if path == LOCK_FILES[-1] and kept is not None:  # the test lock holds every package
                changes = tuple(lock_changes(parse_lock(kept, path), parse_lock(result[path], path)))
        return result, changes

    @staticmethod
    def _previous(repo: PlatformRepository, warnings: list[str]) -> Manifest | None:
        text = repo.read_text(MANIFEST_PATH)
        if text is None:
            return None
        try:
            return Manifest.from_text(text)
        except ValueError as exc:
            warnings.append(f"{MANIFEST_PATH} could not be read ({exc}); every existing file is "
                            "treated as yours and nothing of it is overwritten")
            return None

    @staticmethod
    def _changes(planned: _Planned) -> tuple[FileChange, ...]:
        changes = []
        for decision, before, new in planned.decisions:
            if decision.kind is ChangeKind.conflict:
                after = new
            elif decision.delete:
                after = None
            elif decision.write is not None:
                after = decision.write
            else:
                after = before
            changes.append(FileChange(
                path=decision.path, kind=decision.kind, before=before, after=after,
                owner_edited=decision.owner_edited, conflict_file=decision.conflict_path,
                reason=decision.reason,
            ))
        return tuple(changes)

    @staticmethod
    def _write(repo: PlatformRepository, planned: _Planned, report: ProgressCallback) -> None:
        total = len(planned.decisions)
        for index, (decision, current, new) in enumerate(planned.decisions):
            report(GenerationProgress("write", index, total, decision.path))
            if decision.write is not None and decision.write != current:
                repo.write_text(decision.path, decision.write)
            if decision.delete:
                repo.remove(decision.path)
            conflict_path = decision.path + CONFLICT_SUFFIX
            if decision.conflict_text is not None:
                repo.write_text(conflict_path, decision.conflict_text)
            elif decision.kind is not ChangeKind.conflict and repo.exists(conflict_path) and (
                    planned.previous and decision.path in planned.previous.conflicts):
                repo.remove(conflict_path)  # the generation and your file agree again
            base = base_path(decision.path)
            if new is None:
                if repo.exists(base):
                    repo.remove(base)
            elif repo.read_text(base) != new:
                repo.write_text(base, new)
        report(GenerationProgress("write", total, total, ""))
        repo.write_text(MANIFEST_PATH, planned.manifest.to_text())

    @staticmethod
    def _commit_paths(planned: _Planned) -> list[str]:
        paths: set[str] = {MANIFEST_PATH}
        for decision, _current, _new in planned.decisions:
            paths.add(decision.path)
            paths.add(base_path(decision.path))
            paths.add(decision.path + CONFLICT_SUFFIX)
        return sorted(paths)

    @staticmethod
    def _message(planned: _Planned, changes: tuple[FileChange, ...]) -> str:
        ref = planned.manifest.blueprint
        counts: dict[str, int] = {}
        for change in changes:
            counts[change.kind.value] = counts.get(change.kind.value, 0) + 1
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()) if kind != "unchanged")
        version = f" version {ref.version}" if ref.version is not None else ""
        lines = [f"Generate {ref.key} from blueprint{version}", "", summary or "no file changed", ""]
        conflicts = [c.path for c in changes if c.kind is ChangeKind.conflict]
        if conflicts:
            lines += ["Conflicts (your file kept, see the .conflict file beside it):",
                      *(f"  {p}" for p in conflicts), ""]
        lines += [f"Blueprint: {ref.key}", f"Blueprint-Version: {ref.version if ref.version is not None else '-'}",
                  f"Blueprint-SHA256: {ref.sha256}"]
        return "\n".join(lines) + "\n"

    def _record(self, action: str, subject: str, payload: dict[str, Any], outcome: str) -> None:
        if self.audit is not None and self.tenant_id:
            self.audit.append(AuditRecord(self.tenant_id, self.actor, action, subject, payload, outcome))

    async def _record_async(self, action: str, subject: str, payload: dict[str, Any], outcome: str) -> None:
        """The audit entry written on the workspace's database thread."""
        if self.runner is not None:
            await self.runner.run(lambda: self._record(action, subject, payload, outcome))
        else:
            self._record(action, subject, payload, outcome)


def _generation_payload(result: GenerationResult) -> dict[str, Any]:
    return {"version": result.version, "out": str(result.root), "commit": result.commit,
            "counts": result.counts(), "conflicts": [c.path for c in result.conflicts]}


def _rollback_payload(result: RollbackResult) -> dict[str, Any]:
    return {"to": result.restored, "commit": result.commit, "files": len(result.paths)}


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise GenerationCancelledError()

