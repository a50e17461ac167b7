"""Governance panes: owner approvals, the audit log, users and roles, the constitution."""
