"""Composition root: builds the store, adapters and services for a workspace.

The GUI and the CLI start here; nothing below this module knows which adapters run.
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import keyring
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from app.domain.blueprint.compliance import PackCheck
from app.domain.blueprint.findings import Finding
from app.domain.blueprint.model import Blueprint
from app.domain.blueprint.validation import ComplianceCheck
from app.domain.errors import SchemaOutdatedError, SecretStoreError, WorkspaceError
from app.domain.governance import actions as action_kinds
from app.domain.upcasting import UpcasterChain
from app.domain.workspace import WorkspaceEntry
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.integrations.signing import OwnerSigningKey
from app.paths import config_dir
from app.services.ai_usage import UsageLedger
from app.services.approvals import ApprovalService, DecisionSigner
from app.services.assistant_model import AssistantModel, ModelConnection
from app.services.blueprints import BlueprintService
from app.services.cloud_accounts import CloudAccounts
from app.services.codegen import CodegenService
from app.services.event_log import EventLogService
from app.services.governance import GovernanceService
from app.services.orchestrator import Orchestrator, build_orchestrator
from app.services.ports import ConsoleConfigRepository, KeyDirectory, SecretStore
from app.services.runner import SerialRunner
from app.services.runtime import RuntimeService
from app.services.users import UserDirectory
from app.services.workspaces import WorkspaceCatalog
from app.store.audit_log import AuditMemory, SqlAuditLog
from app.store.blueprint_index import SqlBlueprintIndex
from app.store.console_config import JsonConfigRepository
from app.store.engine import (
    classify_connect_error,
    create_workspace_engine,
    display_url,
    parse_workspace_url,
    without_password,
)
from app.store.event_store import PostgresEventStore, SqlEventStore, SqliteEventStore
from app.store.migrations import (
    SchemaStatus,
    UpgradeResult,
    require_not_newer,
    schema_status,
    upgrade,
)

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.domain.cloud.model import EnvironmentSpec
    from app.services.billing import BillingService
    from app.services.budgets import BudgetService
    from app.services.costs import CostsService
    from app.services.deployments import Deployments
    from app.services.domains import Domains
    from app.services.environment_backups import EnvironmentBackups
    from app.services.platform_usage import UsageFeed
    from app.services.price_books import PriceBookService
    from app.services.release_rollout import ReleaseRollout
    from app.services.release_targets import Reach, ReleaseTargets
    from app.services.releases import Releases
    from app.services.remote_ports import RemoteHost
    from app.services.revenue import RevenueService
    from app.services.usage_ledger import UsageLedgerService


class BundledTemplates:
    """The domain templates shipped under resources/templates."""

    def list_templates(self) -> list[str]:
        from app.store.resource_files import list_templates

        return list_templates()

    def load_template(self, name: str) -> dict[str, Any]:
        from app.store.resource_files import load_template

        return load_template(name)


class BundledCompliance:
    """The compliance packs shipped under resources/compliance, loaded on first use."""

    def __call__(self, blueprint: Blueprint, document: dict[str, Any]) -> Sequence[Finding]:
        from app.store.resource_files import load_builtin_packs

        engine: ComplianceCheck = load_builtin_packs()
        return engine(blueprint, document)


def compliance_check(check_id: str) -> PackCheck | None:
    """A shipped compliance check by id, for explanations."""
    from app.store.resource_files import load_builtin_packs

    try:
        return load_builtin_packs().check(check_id)
    except KeyError:
        return None


def anthropic_model(connection: ModelConnection) -> AssistantModel:
    """Claude through the official SDK, imported on first use (it is slow to import)."""
    from app.integrations.anthropic_client import anthropic_model as make

    return make(connection)


def console_user() -> str:
    """Who is at this console: ``WEBNOVA_USER``, else the operating-system account."""
    configured = os.environ.get("WEBNOVA_USER", "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "owner"


def default_constitution_text() -> str:
    from app.paths import resources_dir

    return (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")


def default_secret_store() -> KeyringSecretStore:
    """The OS keyring; ``WEBNOVA_KEYRING=memory`` keeps secrets in memory for this run, and
    ``WEBNOVA_KEYRING=file`` in an encrypted file unlocked by a passphrase (for servers with
    no Secret Service): ``WEBNOVA_KEYRING_PASSPHRASE``, or a prompt on a terminal."""
    choice = os.environ.get("WEBNOVA_KEYRING", "")
    if choice == "memory":
        return KeyringSecretStore(backend=_memory_backend())
    if choice == "file":
        return KeyringSecretStore(backend=_file_backend())
    if choice:
        raise SecretStoreError(f"WEBNOVA_KEYRING={choice!r} is not a choice (memory, file, or unset "
                               "for the OS keyring)")
    return KeyringSecretStore()


def _file_backend() -> Any:
    import getpass
    import sys

    from app.integrations.file_keyring import EncryptedFileKeyring
    from app.paths import data_dir

    path = Path(os.environ.get("WEBNOVA_KEYRING_FILE") or data_dir() / "secrets.keyring")
    passphrase = os.environ.get("WEBNOVA_KEYRING_PASSPHRASE")
    if passphrase is None and sys.stdin is not None and sys.stdin.isatty():
        passphrase = getpass.getpass(f"Passphrase of the file keyring {path}: ")
    if not passphrase:
        raise SecretStoreError("WEBNOVA_KEYRING=file needs the keyring's passphrase: set "
                               "WEBNOVA_KEYRING_PASSPHRASE or run on a terminal to be asked")
    return EncryptedFileKeyring(path, passphrase)


_MEMORY: MemoryKeyring | None = None


def _memory_backend() -> MemoryKeyring:
    global _MEMORY
    if _MEMORY is None:
        _MEMORY = MemoryKeyring()
    return _MEMORY


@dataclass
class Workspace:
    """An open workspace: its engine, store and services. Close it when switching away."""

    entry: WorkspaceEntry
    engine: Engine
    store: SqlEventStore
    runner: SerialRunner
    events: EventLogService
    blueprints: BlueprintService
    users: UserDirectory
    approvals: ApprovalService
    governance: GovernanceService
    audit: SqlAuditLog
    current_user: str
    status: SchemaStatus
    orchestrator: Orchestrator
    codegen: CodegenService
    runtime: RuntimeService
    upgraded: UpgradeResult | None = None
    cloud: CloudAccounts | None = None
    closed: bool = field(default=False)
    _deployments: Any = field(default=None, repr=False)
    _prices: Any = field(default=None, repr=False)
    _usage: Any = field(default=None, repr=False)
    _costs: Any = field(default=None, repr=False)
    _budgets: Any = field(default=None, repr=False)
    _billing: Any = field(default=None, repr=False)
    _revenue: Any = field(default=None, repr=False)
    secrets: SecretStore | None = field(default=None, repr=False)

    @property
    def deployments(self) -> Deployments:
        """Plans, governed apply and history of the platforms' environments (built on
        first use: most sessions never deploy)."""
        if self._deployments is None:
            from app.integrations.deploy_keys import DeployKeys
            from app.services.deployments import Deployments

            if self.cloud is None:
                raise WorkspaceError("this workspace has no cloud accounts service")
            from app.domain.release.server_setup import platform_site

            blueprints = self.blueprints
            self._deployments = Deployments(
                self.store, self.cloud, DeployKeys(self.cloud.secrets), self.governance,
                self.entry.tenant_id, self.name,
                site_of=lambda platform, env: platform_site(blueprints.get_now(platform).document, env))
        return cast("Deployments", self._deployments)

    @property
    def prices(self) -> PriceBookService:
        """Price books: Hetzner's synced lists, model prices, the owner's models and rates."""
        if self._prices is None:
            from app.services.price_books import PriceBookService
            from app.store.resource_files import load_model_prices

            self._prices = PriceBookService(self.store, self.entry.tenant_id, self.cloud,
                                            load_model_prices, self.audit)
        return cast("PriceBookService", self._prices)

    @property
    def billing(self) -> BillingService:
        """The platforms' Stripe accounts: keys, the tiers' products and prices (built on
        first use; the SDK is imported then)."""
        if self._billing is None:
            from app.integrations.stripe_billing import StripeConnections
            from app.services.billing import BillingService

            if self.secrets is None:
                raise WorkspaceError("this workspace has no secret store")
            self._billing = BillingService(self.store, self.secrets, StripeConnections(),
                                           self.blueprints, self.governance, self.entry.tenant_id,
                                           self.name, self.audit)
        return cast("BillingService", self._billing)

    @property
    def revenue(self) -> RevenueService:
        """What the platforms' tiers earn at Stripe, read from its events list, beside their
        costs (built on first use)."""
        if self._revenue is None:
            from app.services.revenue import RevenueService

            self._revenue = RevenueService(self.store, self.billing, self.costs,
                                           self.prices.books, self.prices.currency)
        return cast("RevenueService", self._revenue)

    @property
    def usage(self) -> UsageLedgerService:
        """Usage records, imports, cloud metering and the daily rollup (built on first use)."""
        if self._usage is None:
            from app.services.usage_ledger import UsageLedgerService
            from app.store.usage_rollup import SqlUsageRollup

            traffic = None
            if self.cloud is not None:
                from app.services.cloud_traffic import CloudTrafficReader

                traffic = CloudTrafficReader(self.deployments, self.cloud.connect).read
            self._usage = UsageLedgerService(
                self.store, SqlUsageRollup(self.store, self.entry.tenant_id), self.entry.tenant_id,
                traffic=traffic)
        return cast("UsageLedgerService", self._usage)

    @property
    def costs(self) -> CostsService:
        """Usage priced by the price books in the owner's currency (built on first use)."""
        if self._costs is None:
            from app.services.costs import CostsService
            from app.store.usage_records import SqlUsageRecords

            prices = self.prices
            self._costs = CostsService(self.usage.rollup,
                                       SqlUsageRecords(self.store, self.entry.tenant_id),
                                       prices.books, prices.currency)
        return cast("CostsService", self._costs)

    @property
    def budgets(self) -> BudgetService:
        """Budgets, their thresholds and the crossings recorded (built on first use)."""
        if self._budgets is None:
            from app.services.budgets import BudgetService

            self._budgets = BudgetService(self.store, self.entry.tenant_id, self.costs, self.audit)
        return cast("BudgetService", self._budgets)

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def location(self) -> str:
        """Where the data lives, for people: a file path or a URL without password."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return str(url.database)
        return display_url(without_password(url.set(drivername="postgresql")))

    def probe(self) -> tuple[bool, str]:
        """Is the database reachable right now? (blocking; run it through ``runner``)"""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except DBAPIError as exc:
            return False, str(classify_connect_error(exc.orig or exc, self.engine.url))
        return True, ""

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.runner.shutdown()
            self.engine.dispose()


def build_store(engine: Engine, upcasters: UpcasterChain | None = None) -> SqlEventStore:
    if engine.dialect.name == "postgresql":
        return PostgresEventStore(engine, upcasters)
    return SqliteEventStore(engine, upcasters)


class Console:
    """What one run of the console (GUI or CLI) works with."""

    def __init__(
        self,
        config: ConsoleConfigRepository | None = None,
        secrets: SecretStore | None = None,
    ) -> None:
        self.secrets = secrets if secrets is not None else default_secret_store()
        self.catalog = WorkspaceCatalog(config or JsonConfigRepository(), self.secrets)

    def engine_for(self, entry: WorkspaceEntry, connect_timeout: int = 5) -> Engine:
        url = parse_workspace_url(entry.url)
        password = self.catalog.password(entry)
        return create_workspace_engine(
            url, password=password, tenant_id=entry.tenant_id, connect_timeout=connect_timeout
        )

    def connect(self, entry: WorkspaceEntry, connect_timeout: int = 5) -> Engine:
        """An engine that has connected once, or a WorkspaceError that says why not."""
        engine = self.engine_for(entry, connect_timeout)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except (OperationalError, DBAPIError) as exc:
            engine.dispose()
            raise classify_connect_error(exc.orig or exc, engine.url) from None
        return engine

    def signer_for(self, entry: WorkspaceEntry, keys: KeyDirectory, owner: str,
                   users: UserDirectory | None = None) -> DecisionSigner:
        """``owner``'s own signing key in this workspace (created on first use): the private
        half in the OS keyring, the public half published through ``keys`` and registered
        for them in ``users``."""
        return OwnerSigningKey(self.secrets, keys, entry.name, entry.tenant_id, owner, users)

    def audit_log(self, engine: Engine, entry: WorkspaceEntry,
                  users: UserDirectory | None = None) -> SqlAuditLog:
        """The workspace's audit log; the head and trusted keys are remembered per
        workspace location and tenant in the console's configuration folder. With
        ``users``, each vote verifies only with the key of the person who cast it."""
        memory = AuditMemory(config_dir() / "audit-memory.json", f"{entry.tenant_id}@{entry.url}")
        return SqlAuditLog(engine, entry.tenant_id, memory=memory,
                           key_authority=users.key_authority if users is not None else None)

    def open_workspace(self, entry: WorkspaceEntry, connect_timeout: int = 5) -> Workspace:
        """Connect, check the schema, upgrade a local file (copied aside first), build the
        services. Raises WorkspaceError with a clear message; nothing is left open then."""
        engine = self.connect(entry, connect_timeout)
        try:
            where = f"workspace {entry.name!r}"
            status = schema_status(engine)
            require_not_newer(status, where)
            upgraded = None
            if status.state != "current":
                if entry.kind == "sqlite":
                    upgraded = upgrade(engine, where=where)
                    log.info("upgraded %s from %s to %s", where, upgraded.before, upgraded.after)
                    status = schema_status(engine)
                else:
                    raise SchemaOutdatedError(
                        f"{where} has schema {status.current or 'none'}; this console needs "
                        f"{status.head}. Run 'webnova db upgrade --workspace {entry.name}' "
                        "as the database owner"
                    )
            store = build_store(engine)
            runner = SerialRunner(entry.name)
            blueprints = BlueprintService(
                store,
                runner,
                SqlBlueprintIndex(store, entry.tenant_id),
                BundledTemplates(),
                BundledCompliance(),
                entry.tenant_id,
            )
            users = UserDirectory(store, entry.tenant_id)
            user = console_user()
            audit = self.audit_log(engine, entry, users)
            approvals = ApprovalService(
                store, runner, users,
                lambda who: self.signer_for(entry, audit, who, users), audit, entry.tenant_id,
            )
            ai_usage = UsageLedger(store, entry.tenant_id)
            governance = GovernanceService(
                store, runner, users, approvals, audit, entry.tenant_id, default_constitution_text,
                ai_tokens_used=ai_usage.tokens_used_now, first_owner=user,
            )
            cloud = build_cloud_accounts(store, self.secrets, audit, entry)
            governance.executors[action_kinds.CLOUD_ACCOUNT_REMOVE] = (
                lambda a: cloud.remove_now(a.subject, a.actor))
            opened: list[Workspace] = []
            governance.executors[action_kinds.BILLING_PRICE_CHANGE] = (
                lambda a: opened[0].billing.change_price_now(a))
            orchestrator = build_orchestrator(
                store, blueprints, governance, self.secrets, anthropic_model, ai_usage,
                lambda: user, compliance_check,
            )
            workspace = Workspace(
                entry=entry,
                engine=engine,
                store=store,
                runner=runner,
                events=EventLogService(store, runner),
                blueprints=blueprints,
                users=users,
                approvals=approvals,
                governance=governance,
                audit=audit,
                current_user=user,
                status=status,
                orchestrator=orchestrator,
                codegen=build_codegen(blueprints, audit, entry.tenant_id, user, runner),
                runtime=build_runtime(self.secrets, audit, entry.tenant_id, user, runner),
                upgraded=upgraded,
                cloud=cloud,
                secrets=self.secrets,
            )
            governance.budgets_for = lambda action: workspace.budgets.for_plan(action)
            opened.append(workspace)
            return workspace
        except WorkspaceError:
            engine.dispose()
            raise
        except (OperationalError, DBAPIError) as exc:
            engine.dispose()
            raise classify_connect_error(exc.orig or exc, engine.url) from None
        except BaseException:
            engine.dispose()
            raise

    def open_current(self) -> Workspace:
        return self.open_workspace(self.catalog.current())


def build_codegen(blueprints: BlueprintService | None, audit: SqlAuditLog | None, tenant_id: str,
                  actor: str, runner: SerialRunner | None = None) -> CodegenService:
    """Code generation: Jinja2 templates from resources/codegen, platform folders as git
    repositories, and the list of generated platforms in the data folder."""
    from app.integrations.codegen_templates import JinjaTemplates
    from app.integrations.git_repo import open_platform_repository
    from app.integrations.platform_lock import PipLocks
    from app.store.platform_registry import JsonPlatformRegistry

    return CodegenService(JinjaTemplates(), open_platform_repository, JsonPlatformRegistry(),
                          blueprints, audit, tenant_id, actor, runner, locks=PipLocks(),
                          compliance=BundledCompliance())


def build_runtime(secrets: SecretStore, audit: SqlAuditLog | None, tenant_id: str,
                  actor: str, runner: SerialRunner | None = None) -> RuntimeService:
    """Generated platforms run on this console's Python, their state under the data folder."""
    from app.integrations.local_runtime import LocalRuntimeHost, RuntimeStateFiles
    from app.store.platform_registry import JsonPlatformRegistry

    return RuntimeService(LocalRuntimeHost(), RuntimeStateFiles(), secrets, JsonPlatformRegistry(),
                          audit, tenant_id, actor, runner)


def build_cloud_accounts(store: SqlEventStore, secrets: SecretStore, audit: SqlAuditLog | None,
                         entry: WorkspaceEntry) -> CloudAccounts:
    """The workspace's cloud accounts; a sandbox keeps its simulated cloud in the data folder."""
    import re

    from app.integrations.cloud_connect import CloudConnections
    from app.paths import data_dir

    tenant = re.sub(r"[^A-Za-z0-9._-]", "_", entry.tenant_id) or "_"
    connections = CloudConnections(data_dir() / "cloud-sandbox" / entry.name / tenant)
    return CloudAccounts(store, secrets, connections, entry.tenant_id, entry.name, audit)


def keyring_backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def workspace_file(entry: WorkspaceEntry) -> Path | None:
    if entry.kind != "sqlite":
        return None
    database = parse_workspace_url(entry.url).database
    return Path(database) if database else None


def build_releases(workspace: Workspace) -> Releases:
    """Release builds, lists and checks of the workspace's generated platforms: the platforms'
    git folders, the wheel cache and the release files under the data folder."""
    from app.integrations.release_files import TarReleaseFiles
    from app.integrations.release_source import GitPlatformSource
    from app.integrations.release_wheels import PipWheels
    from app.integrations.signing import Ed25519Verifier
    from app.services.releases import Releases

    return Releases(workspace.store, GitPlatformSource(), PipWheels(), TarReleaseFiles(),
                    workspace.audit, workspace.users, Ed25519Verifier(), workspace.entry.tenant_id)


def _release_targets(workspace: Workspace) -> ReleaseTargets:
    """The servers of the workspace's environments from the cloud accounts, reached over SSH
    with the console-made keys, and the platform secrets in the keyring."""
    from app.domain.release.server_setup import platform_site
    from app.integrations.deploy_keys import DeployKeys
    from app.integrations.ssh_remote import server_host
    from app.services.release_targets import ReleaseTargets

    cloud = workspace.cloud
    if cloud is None:
        raise WorkspaceError("this workspace has no cloud accounts service")
    keys = DeployKeys(cloud.secrets)
    blueprints = workspace.blueprints

    def host(spec: EnvironmentSpec, server: str, address: str, port: int, user: str) -> RemoteHost:
        return server_host(keys, spec, server, address, user=user, port=port)

    return ReleaseTargets(
        workspace.deployments, cloud.connect, cloud.secrets, host,
        lambda platform, env: platform_site(blueprints.get_now(platform).document, env))


def build_release_rollout(workspace: Workspace) -> ReleaseRollout:
    """Releases deployed to the servers of the workspace's environments: the servers from
    the cloud accounts, SSH with the console-made keys, the platform secrets in the keyring."""
    from app.integrations.release_files import TarReleaseFiles
    from app.services.release_deploy import ReleaseDeployer
    from app.services.release_rollout import ReleaseRollout

    targets = _release_targets(workspace)
    deployer = ReleaseDeployer(workspace.store, workspace.entry.tenant_id, workspace.current_user)
    return ReleaseRollout(build_releases(workspace), targets, deployer, workspace.governance,
                          workspace.entry.tenant_id, TarReleaseFiles().digest)


def build_domains(workspace: Workspace) -> Domains:
    """The environments' custom domains: the records from the blueprint and the cloud
    accounts, the Caddyfile put on the app servers over SSH."""
    from app.services.domains import Domains

    targets = _release_targets(workspace)
    return Domains(workspace.deployments, targets.connect_cloud, targets.site_of, targets,
                   workspace.audit, workspace.entry.tenant_id)


def build_environment_backups(workspace: Workspace) -> EnvironmentBackups:
    """The database backups of the workspace's environments, on their database servers,
    reached as releases reach them."""
    from app.services.environment_backups import EnvironmentBackups

    rollout = build_release_rollout(workspace)
    return EnvironmentBackups(workspace.store, rollout.targets, rollout.deployer,
                              workspace.governance, workspace.entry.tenant_id,
                              workspace.current_user)


def build_usage_feed(workspace: Workspace, secrets: SecretStore, platform: str, environment: str,
                     reach: Mapping[str, Reach], url: str | None = None,
                     ca_file: str | None = None) -> UsageFeed:
    """Where ``webnova usage pull`` asks a platform for its tenants' usage: through the proxy
    on the environment's first app server over SSH, or at ``url`` when one is given; with
    the environment's metering token from the keyring (made on first use; a release deploy
    ships the same token to the servers)."""
    from app.services.platform_usage import METERING_TOKEN
    from app.services.release_targets import PlatformSecrets

    if url is None:
        return _release_targets(workspace).usage_feed(platform, environment, reach)
    from app.integrations.usage_feed_http import HttpUsageFeed

    name = PlatformSecrets.name(workspace.entry.name, platform, environment, METERING_TOKEN)
    token = PlatformSecrets(secrets).get_named(name, METERING_TOKEN)
    return HttpUsageFeed(url, token, ca_file)
