"""Planning an environment of 50 servers against the Hetzner simulator, through the real
adapter and the official SDK: wall time, and the requests made against the minimum — one
request per page of each resource kind (50 to a page) plus the two the price list needs.
Twice: on an empty account (everything to create) and on one that already holds the
environment (nothing to change). Neither plan may make a mutating call.

    python benchmarks/deploy.py [--runs 5] [--json]

Target: requests at most 1.0x the minimum, and no mutating call.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.cloud.model import EnvironmentSpec, Kind, Resource, desired_state
from app.integrations.hetzner_cloud import HetznerCloud
from app.integrations.hetzner_sim import HetznerSimulator
from app.services.cloud_ports import ResourceKind, ResourceSpec
from app.services.deploy_planning import plan_environment

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3w6E2y0m8n7m3o8Kq7Yl3uYxQy8V0A8b7c6d5e4f3g"
TOKEN = "hz-benchmark-token-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"
SPEC = EnvironmentSpec(workspace="bench", platform="hub", environment="production",
                       account="main", location="fsn1", app_server_type="cx22", app_servers=49,
                       db_server_type="cx32", volume_gb=50, ssh_from=("203.0.113.0/24",),
                       ssh_public_key=KEY)  # the console's own key, as after an apply
PAGE = 50
PRICE_REQUESTS = 2  # the locations, then the price list
TARGET_RATIO = 1.0


def as_spec(resource: Resource, ids: dict[str, str]) -> ResourceSpec:
    """Enough of each desired resource for the simulator to hold it under its name."""
    spec, kind = resource.spec, ResourceKind(resource.kind.value)
    attributes: dict[str, Any]
    location: str | None = str(spec.get("location")) if spec.get("location") else None
    if resource.kind is Kind.ssh_key:
        attributes = {"public_key": spec["public_key"]}
    elif resource.kind is Kind.network:
        attributes = {"ip_range": spec["ip_range"],
                      "subnets": [{"ip_range": spec["subnet"], "zone": spec["zone"]}]}
    elif resource.kind is Kind.firewall:
        attributes = {"rules": [{"direction": r["direction"], "protocol": r["protocol"],
                                 "port": r["port"], "addresses": r["source_ips"]} for r in spec["rules"]]}
    elif resource.kind is Kind.primary_ip:
        attributes = {"ip_type": "ipv4"}
    elif resource.kind is Kind.server:
        attributes = {"server_type": spec["server_type"], "image": spec["image"]}
    elif resource.kind is Kind.volume:
        attributes = {"size_gb": spec["size"], "server": ids.get(str(spec["server"]))}
    else:
        attributes = {"type": spec["type"]}
    return ResourceSpec(kind, resource.name, dict(resource.labels), location, attributes)


def minimum(kinds: Counter[Kind]) -> int:
    return sum(max(1, math.ceil(kinds.get(k, 0) / PAGE)) for k in Kind) + PRICE_REQUESTS


def measure(sim: HetznerSimulator, provider: HetznerCloud, runs: int) -> dict[str, Any]:
    times, requests, mutations = [], [], 0
    for _ in range(runs):
        before, changed = len(sim.requests), sim.mutations()
        started = time.perf_counter()
        priced = plan_environment(provider, SPEC)
        times.append(time.perf_counter() - started)
        requests.append(len(sim.requests) - before)
        mutations += sim.mutations() - changed
    held = Counter(r.kind for r in priced.plan.actual)
    least = minimum(held)
    return {"wall_ms": round(statistics.median(times) * 1000, 1), "requests": max(requests),
            "minimum": least, "ratio": round(max(requests) / least, 2), "mutating_calls": mutations,
            "steps": len(priced.plan.steps), "monthly_after": str(priced.cost.after.monthly.rounded().net)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with HetznerSimulator(TOKEN, refill_per_second=1000, rate_limit=1_000_000) as sim:
        provider = HetznerCloud(TOKEN, sim.url, poll_interval=0.001, sleep=lambda _s: None)
        empty = measure(sim, provider, args.runs)
        ids: dict[str, str] = {}
        for resource in desired_state(SPEC):
            made = provider.create(as_spec(resource, ids))
            ids[resource.name] = made.resource.id
        held = measure(sim, provider, args.runs)
    report = {"servers": SPEC.app_servers + 1, "empty_account": empty, "environment_in_place": held}
    ok = all(r["ratio"] <= TARGET_RATIO and r["mutating_calls"] == 0 for r in (empty, held))
    report["verdict"] = "PASS" if ok else "MISS"
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"plan of an environment with {report['servers']} servers (Hetzner simulator, "
              f"median of {args.runs})")
        for name, r in (("empty account", empty), ("environment in place", held)):
            print(f"  {name:22} {r['wall_ms']:8.1f} ms  {r['requests']:3} requests "
                  f"(minimum {r['minimum']}, ratio {r['ratio']:.2f}x)  mutating calls "
                  f"{r['mutating_calls']}  steps {r['steps']}")
        print(f"  target: requests at most {TARGET_RATIO:.1f}x the minimum, no mutating call: "
              f"{report['verdict']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
