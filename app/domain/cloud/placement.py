"""Where an environment may stand: a location is checked against the blueprint's own
compliance rules before anything is planned there.

The blueprint's environment is placed, on paper, in the location's country, and the
compliance packs judge that blueprint; every error they raise for that environment (a
PDPL, GDPR or HIPAA residency rule, with its article) refuses the location. So the console
never deploys where the blueprint's data may not be kept, and says which rule forbids it.
"""

from __future__ import annotations

import copy
from typing import Any

from app.domain.blueprint.findings import Finding, Severity
from app.domain.blueprint.validation import ComplianceCheck, validate_document
from app.domain.cloud.model import LOCATIONS, CloudSpecError


class PlacementRefused(CloudSpecError):  # noqa: N818 - it names what happened
    """The location breaks the blueprint's rules; ``findings`` says which and why."""

    def __init__(self, environment: str, location: str, findings: list[Finding]) -> None:
        en = "; ".join(f"{f.code}: {f.message_en}" for f in findings)
        ar = "؛ ".join(f"{f.code}: {f.message_ar}" for f in findings)
        super().__init__("location", f"the {environment} environment may not stand in {location}: {en}",
                         f"لا يجوز أن تكون بيئة {environment} في {location}: {ar}")
        self.findings = findings


def placement_findings(document: dict[str, Any], environment: str, location: str,
                       compliance: ComplianceCheck) -> list[Finding]:
    """The errors the blueprint's rules raise when ``environment`` stands in ``location``."""
    if location not in LOCATIONS:
        known = ", ".join(sorted(LOCATIONS))
        raise CloudSpecError("location", f"unknown location {location!r} (known: {known})",
                             f"الموقع «{location}» غير معروف (المعروفة: {known})")
    placed = copy.deepcopy(document)
    environments = placed.get("environments", [])
    index = next((i for i, e in enumerate(environments) if e.get("name") == environment), None)
    if index is None:
        names = ", ".join(str(e.get("name")) for e in environments) or "none"
        raise CloudSpecError("environment", f"the blueprint has no environment {environment!r} "
                             f"(it has: {names})",
                             f"لا توجد في المخطط بيئة «{environment}» (الموجود: {names})")
    environments[index].update({"provider": "hetzner", "region": location,
                                "country": LOCATIONS[location][0]})
    _blueprint, report = validate_document(placed, compliance)
    where = f"/environments/{index}"
    return [f for f in report.findings if f.severity is Severity.error
            and (f.path == where or f.path.startswith(where + "/"))]


def check_placement(document: dict[str, Any], environment: str, location: str,
                    compliance: ComplianceCheck) -> None:
    found = placement_findings(document, environment, location, compliance)
    if found:
        raise PlacementRefused(environment, location, found)
