"""What an audit entry's action and outcome codes mean, in the console's language. The codes
themselves stay in the entry (and in each cell's tool tip): they are what is signed."""

from __future__ import annotations

from app.gui.formatting import fill
from app.gui.qt import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "AuditTexts"
_ACTIONS = {
    "approval.request": QT_TRANSLATE_NOOP("AuditTexts", "Approval requested"),
    "approval.approve": QT_TRANSLATE_NOOP("AuditTexts", "Approved"),
    "approval.reject": QT_TRANSLATE_NOOP("AuditTexts", "Rejected"),
    "approval.withdraw": QT_TRANSLATE_NOOP("AuditTexts", "Request withdrawn"),
    "approval.expired": QT_TRANSLATE_NOOP("AuditTexts", "Request expired"),
    "user.ban": QT_TRANSLATE_NOOP("AuditTexts", "User banned"),
    "user.suspend": QT_TRANSLATE_NOOP("AuditTexts", "User suspended"),
    "user.reactivate": QT_TRANSLATE_NOOP("AuditTexts", "User reactivated"),
    "user.add": QT_TRANSLATE_NOOP("AuditTexts", "User added"),
    "user.role_change": QT_TRANSLATE_NOOP("AuditTexts", "Role changed"),
    "user.permissions": QT_TRANSLATE_NOOP("AuditTexts", "Permissions changed"),
    "user.key_rotate": QT_TRANSLATE_NOOP("AuditTexts", "Signing key retired"),
    "user.key_revoke": QT_TRANSLATE_NOOP("AuditTexts", "Signing key revoked"),
    "root.transfer": QT_TRANSLATE_NOOP("AuditTexts", "Root owner handed over"),
    "constitution.change": QT_TRANSLATE_NOOP("AuditTexts", "Constitution changed"),
    "codegen.generate": QT_TRANSLATE_NOOP("AuditTexts", "Platform generated"),
    "codegen.rollback": QT_TRANSLATE_NOOP("AuditTexts", "Platform rolled back"),
    "codegen.compliance_override": QT_TRANSLATE_NOOP("AuditTexts", "Generated despite failed checks"),
    "cloud.account_add": QT_TRANSLATE_NOOP("AuditTexts", "Cloud account added"),
    "cloud.account_remove": QT_TRANSLATE_NOOP("AuditTexts", "Cloud account removed"),
    "runtime.up": QT_TRANSLATE_NOOP("AuditTexts", "Platform started"),
    "runtime.down": QT_TRANSLATE_NOOP("AuditTexts", "Platform stopped"),
    "ai.proposal.accept": QT_TRANSLATE_NOOP("AuditTexts", "AI proposal accepted"),
    "ai.proposal.reject": QT_TRANSLATE_NOOP("AuditTexts", "AI proposal rejected"),
    "ai.tool_refused": QT_TRANSLATE_NOOP("AuditTexts", "AI request refused"),
    "governance.check": QT_TRANSLATE_NOOP("AuditTexts", "Action checked"),
    "deploy.apply": QT_TRANSLATE_NOOP("AuditTexts", "Deployment"),
    "deploy.destroy": QT_TRANSLATE_NOOP("AuditTexts", "Infrastructure destroyed"),
    "budget.raise": QT_TRANSLATE_NOOP("AuditTexts", "Budget raised"),
}
_OUTCOMES = {
    "ok": QT_TRANSLATE_NOOP("AuditTexts", "Done"),
    "done": QT_TRANSLATE_NOOP("AuditTexts", "Done"),
    "failed": QT_TRANSLATE_NOOP("AuditTexts", "Failed"),
    "denied": QT_TRANSLATE_NOOP("AuditTexts", "Refused"),
    "pending": QT_TRANSLATE_NOOP("AuditTexts", "Waiting for approval"),
    "approve": QT_TRANSLATE_NOOP("AuditTexts", "Approved"),
    "approved": QT_TRANSLATE_NOOP("AuditTexts", "Approved"),
    "reject": QT_TRANSLATE_NOOP("AuditTexts", "Rejected"),
    "rejected": QT_TRANSLATE_NOOP("AuditTexts", "Rejected"),
    "expired": QT_TRANSLATE_NOOP("AuditTexts", "Expired"),
    "withdrawn": QT_TRANSLATE_NOOP("AuditTexts", "Withdrawn"),
    "conflicts": QT_TRANSLATE_NOOP("AuditTexts", "Done, with conflicts"),
    "allow": QT_TRANSLATE_NOOP("AuditTexts", "Allowed"),  # a governance check's verdicts
    "deny": QT_TRANSLATE_NOOP("AuditTexts", "Denied"),
    "needs_approval": QT_TRANSLATE_NOOP("AuditTexts", "Needs approval"),
    "refused": QT_TRANSLATE_NOOP("AuditTexts", "Refused"),
}


def action_text(code: str) -> str:
    """"User banned"; a command run from the command line names its command."""
    known = _ACTIONS.get(code)
    if known is not None:
        return QCoreApplication.translate(CONTEXT, known)
    if code.startswith("cli."):
        command = "webnova " + code.removeprefix("cli.").replace(".", " ")
        return fill(QCoreApplication.translate(CONTEXT, "Command: %1"), command)
    return code


def outcome_text(code: str) -> str:
    known = _OUTCOMES.get(code)
    return QCoreApplication.translate(CONTEXT, known) if known is not None else code
