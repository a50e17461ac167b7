"""A small valid blueprint document for service tests."""

from __future__ import annotations

import copy
from typing import Any

_BASE: dict[str, Any] = {
    "key": "clinic",
    "name": {"en": "Clinic bookings", "ar": "حجوزات العيادة"},
    "owner": "Riyadh Care Group",
    "tenant_id": "riyadh-care",
    "domain": "healthcare",
    "compliance": [],
    "tenancy": "shared_schema",
    "entities": [
        {
            "name": "patient",
            "label": {"en": "Patient", "ar": "مريض"},
            "fields": [
                {"name": "full_name", "label": {"en": "Full name", "ar": "الاسم الكامل"},
                 "type": "string", "required": True, "max_length": 200, "classification": "personal"},
                {"name": "phone", "label": {"en": "Phone", "ar": "الهاتف"}, "type": "string",
                 "classification": "personal"},
            ],
        },
        {
            "name": "appointment",
            "label": {"en": "Appointment", "ar": "موعد"},
            "fields": [
                {"name": "patient", "label": {"en": "Patient", "ar": "المريض"}, "type": "reference",
                 "reference": "patient", "required": True, "on_delete": "restrict"},
                {"name": "starts_at", "label": {"en": "Starts at", "ar": "يبدأ في"}, "type": "datetime",
                 "required": True},
                {"name": "status", "label": {"en": "Status", "ar": "الحالة"}, "type": "enum",
                 "enum_values": ["booked", "done", "cancelled"]},
            ],
        },
    ],
    "roles": [
        {"name": "receptionist", "label": {"en": "Receptionist", "ar": "موظف الاستقبال"},
         "permissions": [{"entity": "appointment", "actions": ["list", "read", "create", "update"]},
                         {"entity": "patient", "actions": ["list", "read", "create"]}]},
    ],
    "environments": [
        {"name": "production", "provider": "hetzner", "region": "fsn1", "server_size": "cx22"},
    ],
    "locales": ["ar", "en"],
    "default_locale": "ar",
    "default_direction": "rtl",
}


def clinic(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(_BASE)
    document.update(changes)
    return document
