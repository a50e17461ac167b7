"""In-place changes of Hetzner resources (``CloudProvider.change``), through the SDK.

Every change reads the resource first and starts only what is still missing, so a change
that was cut short (the console killed between powering a server off and on again) is
finished by calling it again, and a change already made starts nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from hcloud.firewalls import Firewall
from hcloud.load_balancer_types import LoadBalancerType
from hcloud.load_balancers import LoadBalancer
from hcloud.servers import Server
from hcloud.volumes import Volume

from app.integrations.hetzner_create import PROTECTABLE, firewall_rule
from app.services.cloud_ports import (
    ActionRef,
    ActionStatus,
    CloudInvalidInputError,
    CloudUnsupportedError,
    ResourceKind,
)

if TYPE_CHECKING:
    from hcloud import Client

T = TypeVar("T")
SETTINGS = {ResourceKind.SERVER: ("server_type", "backups"), ResourceKind.FIREWALL: ("rules",),
            ResourceKind.VOLUME: ("size_gb",), ResourceKind.LOAD_BALANCER: ("type",)}


def refs(*actions: Any) -> tuple[ActionRef, ...]:
    return tuple(ActionRef(str(a.id), a.command or "") for a in actions if a is not None)


def _flag(kind: ResourceKind, resource_id: str, setting: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise CloudInvalidInputError(f"{kind.value} {resource_id}: {setting!r} must be true or "
                                     f"false, not {value!r}", "invalid_input")
    return value


class InPlaceChanges:
    """``change`` for :class:`~app.integrations.hetzner_cloud.HetznerCloud`."""

    if TYPE_CHECKING:  # provided by HetznerCloud
        sdk: Client

        def _call(self, fn: Callable[[], T]) -> T: ...

        def _client_for(self, kind: ResourceKind) -> Any: ...

        def wait(self, actions: Sequence[ActionRef], timeout: float = 600) -> list[ActionStatus]: ...

    def change(self, kind: ResourceKind, resource_id: str, setting: str,
               value: Any) -> tuple[ActionRef, ...]:
        if setting == "protected":
            return self._protect(kind, resource_id, _flag(kind, resource_id, setting, value))
        if setting not in SETTINGS.get(kind, ()):
            raise CloudUnsupportedError(f"Hetzner cannot change {setting!r} of a {kind.value} in "
                                        "place", "unsupported")
        if kind is ResourceKind.FIREWALL:
            return self._rules(resource_id, value)
        if kind is ResourceKind.VOLUME:
            return self._volume_size(resource_id, value)
        if kind is ResourceKind.LOAD_BALANCER:
            return self._balancer_type(resource_id, value)
        if setting == "backups":
            return self._backups(resource_id, _flag(kind, resource_id, setting, value))
        return self._server_type(resource_id, value)

    def _bound(self, kind: ResourceKind, resource_id: str) -> Any:
        client = self._client_for(kind)
        return self._call(lambda: client.get_by_id(int(resource_id)))

    def _protect(self, kind: ResourceKind, resource_id: str, value: bool) -> tuple[ActionRef, ...]:
        if kind not in PROTECTABLE:
            if value:
                raise CloudUnsupportedError(f"Hetzner has no delete protection for a {kind.value} "
                                            f"({resource_id})", "unsupported")
            return ()
        current = self._bound(kind, resource_id)
        if bool((current.protection or {}).get("delete")) == value:
            return ()
        if kind is ResourceKind.SERVER:  # Hetzner keeps a server's delete and rebuild flags equal
            return refs(self._call(lambda: self.sdk.servers.change_protection(
                Server(id=int(resource_id)), delete=value, rebuild=value)))
        client = self._client_for(kind)
        return refs(self._call(lambda: client.change_protection(current, delete=value)))

    def _backups(self, resource_id: str, value: bool) -> tuple[ActionRef, ...]:
        server = self._bound(ResourceKind.SERVER, resource_id)
        if (server.backup_window is not None) == value:
            return ()
        target = Server(id=int(resource_id))
        if value:
            return refs(self._call(lambda: self.sdk.servers.enable_backup(target)))
        return refs(self._call(lambda: self.sdk.servers.disable_backup(target)))

    def _server_type(self, resource_id: str, value: Any) -> tuple[ActionRef, ...]:
        """Power off, change the type keeping the disk (so it can go back down), power on."""
        if not isinstance(value, str) or not value:
            raise CloudInvalidInputError(f"server {resource_id}: 'server_type' must name a server "
                                         f"type, not {value!r}", "invalid_input")
        server = self._bound(ResourceKind.SERVER, resource_id)
        target = Server(id=int(resource_id))
        status = server.status
        if server.server_type.name != value:
            wanted = self._call(lambda: self.sdk.server_types.get_by_name(value))
            if wanted is None:
                raise CloudInvalidInputError(f"server {server.name!r}: {value!r} is not a Hetzner "
                                             "server type", "invalid_input")
            disk = server.primary_disk_size or 0
            if (wanted.disk or 0) < disk:
                raise CloudInvalidInputError(
                    f"server {server.name!r} keeps its {disk} GB disk, and {value} has only "
                    f"{wanted.disk} GB", "invalid_input")
            if status != "off":
                self.wait(refs(self._call(lambda: self.sdk.servers.power_off(target))))
            self.wait(refs(self._call(lambda: self.sdk.servers.change_type(
                target, wanted, upgrade_disk=False))))
            status = "off"
        if status in ("off", "stopping"):
            return refs(self._call(lambda: self.sdk.servers.power_on(target)))
        return ()

    def _rules(self, resource_id: str, value: Any) -> tuple[ActionRef, ...]:
        where = f"firewall {resource_id}"
        if not isinstance(value, list):
            raise CloudInvalidInputError(f"{where}: 'rules' must be a list of rules", "invalid_input")
        rules = [firewall_rule(where, i, rule) for i, rule in enumerate(value)]
        return refs(*self._call(lambda: self.sdk.firewalls.set_rules(
            Firewall(id=int(resource_id)), rules)))

    def _volume_size(self, resource_id: str, value: Any) -> tuple[ActionRef, ...]:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise CloudInvalidInputError(f"volume {resource_id}: 'size_gb' must be a whole number "
                                         f"of gigabytes, not {value!r}", "invalid_input")
        volume = self._bound(ResourceKind.VOLUME, resource_id)
        if value < volume.size:
            raise CloudInvalidInputError(
                f"volume {volume.name!r} ({resource_id}) is {volume.size} GB and cannot shrink to "
                f"{value} GB (a volume only grows)", "invalid_input")
        if value == volume.size:
            return ()
        return refs(self._call(lambda: self.sdk.volumes.resize(Volume(id=int(resource_id)), value)))

    def _balancer_type(self, resource_id: str, value: Any) -> tuple[ActionRef, ...]:
        if not isinstance(value, str) or not value:
            raise CloudInvalidInputError(f"load_balancer {resource_id}: 'type' must name a load "
                                         f"balancer type, not {value!r}", "invalid_input")
        balancer = self._bound(ResourceKind.LOAD_BALANCER, resource_id)
        if balancer.load_balancer_type.name == value:
            return ()
        return refs(self._call(lambda: self.sdk.load_balancers.change_type(
            LoadBalancer(id=int(resource_id)), LoadBalancerType(name=value))))
