"""Governance: who may do what, the owner's approvals, and the tamper-evident audit log."""
