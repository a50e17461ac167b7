"""The cloud provider port: what a deployment needs from the owner's cloud account.

Services plan and apply infrastructure through :class:`CloudProvider` only; the Hetzner
adapter (``app.integrations.hetzner_cloud``) implements it over the official ``hcloud`` SDK,
and ``tests/cloud/provider_contract.py`` is the one suite every adapter must pass.

What a second provider (DigitalOcean, AWS, ...) must supply to be one more adapter:

- **Resources of the seven kinds** in :class:`ResourceKind`, each mapped to the provider's
  nearest equivalent (DigitalOcean: SSH keys, VPCs, cloud firewalls, droplets, volumes,
  reserved IPs, load balancers; AWS: key pairs, VPC + subnets, security groups, EC2
  instances, EBS volumes, Elastic IPs, ALBs). A kind the provider lacks raises
  :class:`CloudUnsupportedError`, never silently does nothing.
- **Labels**: key/value labels on every resource and listing by all of them at once (tags
  on AWS; DigitalOcean's single-string tags need ``key:value`` encoding). ``list_by_labels`` returns
  every page; the caller never paginates.
- **Unique names per kind** in the account; a duplicate is :class:`CloudConflictError`.
- **Asynchronous work as actions** with an id that can be polled to running / success /
  error (AWS: instance and volume state waiters behind a synthetic id). ``wait`` turns an
  error into :class:`CloudActionFailedError` naming the action and the provider's message.
- **Prices per location**: hourly and monthly, net and gross, in one currency, for server
  types, load balancer types, primary IPv4 addresses and volume gigabytes (AWS: the Pricing
  API; DigitalOcean: the sizes endpoint). Money is ``Decimal``, never float.
- **Errors mapped to this module's classes** (wrong token -> :class:`CloudAuthError`,
  throttling -> retried, then :class:`CloudRateLimitedError` with when to retry), with
  messages that never carry the token.
- **A token check** that costs one cheap request and reports the rate limit left.
- **In-place changes** (:meth:`CloudProvider.change`): delete protection, a server's type
  (stop, resize keeping the disk, start) and backups, a firewall's whole rule list, a larger
  volume, a load balancer's type — each safe to call again after a crash midway (read first,
  start only what is missing). What the provider cannot change in place is a replacement in
  the plan (``app.domain.cloud.plan.REPLACE_ON``), never an error at apply time.
- **Load balancers that find their servers by label** (Hetzner's label-selector targets;
  elsewhere, re-register the environment's app servers after every change).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from app.domain.errors import WebNovaError


class ResourceKind(StrEnum):
    SSH_KEY = "ssh_key"
    NETWORK = "network"
    FIREWALL = "firewall"
    SERVER = "server"
    VOLUME = "volume"
    PRIMARY_IP = "primary_ip"
    LOAD_BALANCER = "load_balancer"


@dataclass(frozen=True)
class ResourceSpec:
    """A resource to create. ``attributes`` per kind (references are provider ids):

    - ssh_key: ``public_key``
    - network: ``ip_range``, ``subnets`` [{``ip_range``, ``zone``}]
    - firewall: ``rules`` [{``direction`` in/out, ``protocol``, ``port``, ``addresses``}]
    - server: ``server_type``, ``image``, ``ssh_keys``, ``networks``, ``firewalls``,
      ``user_data``, ``primary_ipv4``, ``backups`` (bool; read back as well)
    - volume: ``size_gb``, ``server``, ``format``
    - primary_ip: ``ip_type`` (ipv4 or ipv6), ``auto_delete``
    - load_balancer: ``type``, ``algorithm``, ``network``, ``targets`` (a label selector of
      the servers behind it), ``services`` [{``protocol``, ``listen_port``,
      ``destination_port``}]
    - every kind: ``protected`` (bool, delete protection set right after creation)
    """

    kind: ResourceKind
    name: str
    labels: Mapping[str, str]
    location: str | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CloudResource:
    """A resource as the provider has it now. ``attributes`` use the names of ResourceSpec
    (plus ``status``, ``protected``, ``address`` and ``address_v6`` — the public IPv4 and
    IPv6 addresses — where known), so a plan can compare.
    A server also reports ``private_addresses``: its IPv4 address in each private network
    it is attached to, by the network's id (what its database clients connect to)."""

    kind: ResourceKind
    id: str
    name: str
    labels: Mapping[str, str]
    location: str | None
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ActionRef:
    id: str
    command: str


@dataclass(frozen=True)
class ActionStatus:
    id: str
    command: str
    status: str  # running, success, error
    progress: int
    error: str | None = None

    @property
    def done(self) -> bool:
        return self.status != "running"


@dataclass(frozen=True)
class Created:
    resource: CloudResource
    actions: tuple[ActionRef, ...]


@dataclass(frozen=True)
class Price:
    """One price in ``currency``; ``hourly`` is None where only a monthly price exists."""

    currency: str
    monthly_net: Decimal
    monthly_gross: Decimal
    hourly_net: Decimal | None = None
    hourly_gross: Decimal | None = None


@dataclass(frozen=True)
class LocationPrices:
    location: str
    currency: str
    vat_rate: Decimal
    server_types: Mapping[str, Price]
    load_balancer_types: Mapping[str, Price]
    primary_ipv4: Price
    volume_per_gb: Price
    backup_percentage: Decimal


@dataclass(frozen=True)
class CloudLocation:
    name: str
    country: str  # ISO 3166-1 alpha-2, for residency rules
    city: str
    zone: str


@dataclass(frozen=True)
class TokenCheck:
    provider: str
    rate_limit: int | None
    remaining: int | None
    resets_at: datetime | None


class CloudError(WebNovaError):
    """A provider refused or failed; ``code`` is the provider's own error code."""

    def __init__(self, message: str, code: str = "", details: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


class CloudAuthError(CloudError):
    """The token is wrong, revoked or lacks the rights."""


class CloudRateLimitedError(CloudError):
    def __init__(self, message: str, retry_at: datetime | None = None) -> None:
        super().__init__(message, "rate_limit_exceeded")
        self.retry_at = retry_at


class CloudConflictError(CloudError):
    """A name (or key) is already used, or the resource changed underneath."""


class CloudInvalidInputError(CloudError):
    pass


class CloudLockedError(CloudError):
    """The resource has a running action; try again when it ends."""


class CloudNotFoundError(CloudError):
    pass


class CloudUnavailableError(CloudError):
    """The provider failed (5xx) or could not be reached."""


class CloudActionFailedError(CloudError):
    def __init__(self, action: ActionStatus) -> None:
        super().__init__(f"{action.command} (action {action.id}) failed: {action.error}",
                         "action_failed")
        self.action = action


class CloudUnsupportedError(CloudError):
    pass


class CloudProvider(Protocol):
    """One cloud account, reached with its token. Every method blocks; run it off the GUI."""

    @property
    def provider(self) -> str:
        """``hetzner``, ``digitalocean``, ..."""
        ...

    def check(self) -> TokenCheck:
        """One cheap request: the token works (else CloudAuthError), and the rate limit left."""
        ...

    def locations(self) -> list[CloudLocation]: ...

    def prices(self, location: str) -> LocationPrices:
        """Prices for ``location``; an unknown location is CloudInvalidInputError."""
        ...

    def price_list(self) -> Mapping[str, Any]:
        """The account's whole price list in the provider's own shape (Hetzner: the
        ``pricing`` object of ``GET /pricing``), for the workspace's price book."""
        ...

    def list_by_labels(self, kind: ResourceKind, labels: Mapping[str, str]) -> list[CloudResource]:
        """Every resource of ``kind`` carrying all of ``labels`` (every page), by id."""
        ...

    def get(self, kind: ResourceKind, resource_id: str) -> CloudResource | None: ...

    def create(self, spec: ResourceSpec) -> Created: ...

    def update(self, kind: ResourceKind, resource_id: str, *, name: str | None = None,
               labels: Mapping[str, str] | None = None) -> CloudResource:
        """Rename and/or replace the labels (other changes are kind-specific actions)."""
        ...

    def change(self, kind: ResourceKind, resource_id: str, setting: str,
               value: Any) -> tuple[ActionRef, ...]:
        """Change one setting of a resource in place; returns the actions it started (the
        caller waits for them). The settings, by kind (anything else is
        CloudUnsupportedError, naming the kind and the setting):

        - every kind: ``protected`` (bool) — delete protection on or off
        - server: ``server_type`` (the server is powered off, changed keeping its disk, and
          powered on again), ``backups`` (bool)
        - firewall: ``rules`` (the whole list, as in ResourceSpec)
        - volume: ``size_gb`` (grow only; a smaller size is CloudInvalidInputError)
        - load_balancer: ``type``

        A provider without delete protection on a kind reports ``protected`` False and
        refuses to set it True with CloudUnsupportedError.
        """
        ...

    def delete(self, kind: ResourceKind, resource_id: str) -> tuple[ActionRef, ...]:
        """Delete; a protected resource is CloudConflictError (lift protection first)."""
        ...

    def action(self, action_id: str) -> ActionStatus: ...

    def wait(self, actions: Sequence[ActionRef], timeout: float = 600) -> list[ActionStatus]:
        """Poll until every action ends; an action in error is CloudActionFailedError, one
        still running after ``timeout`` seconds is CloudUnavailableError."""
        ...
