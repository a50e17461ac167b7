"""A Hetzner Cloud simulator on loopback: the tests drive the official ``hcloud`` SDK against
it, and ``webnova cloud add NAME --sandbox`` runs it so a newcomer can try the cloud flow with
no account. See NOTICE.md for the public sources it was derived from."""

from app.integrations.hetzner_sim.server import HetznerSimulator
from app.integrations.hetzner_sim.state import Faults, SimError

__all__ = ["Faults", "HetznerSimulator", "SimError"]
