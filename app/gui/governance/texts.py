"""Governance words in the console's language: roles, statuses, permissions, states,
actions, refusals, and times until a request expires."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor
from app.domain.governance.users import Permission, Role, UserStatus
from app.gui.formatting import fill, isolate, language, localize_digits
from app.gui.governance.approval_flow import DecisionFailure, DecisionProblem
from app.gui.governance.user_actions import USER_ADD, USER_PERMISSIONS, USER_REACTIVATE
from app.gui.qt import QCoreApplication
from app.services.approvals import ApprovalRequest, ApprovalState

translate = QCoreApplication.translate


def role_name(role: Role | str) -> str:
    names = {
        Role.ROOT_OWNER: translate("Governance", "Root owner"),
        Role.ADMIN: translate("Governance", "Administrator"),
        Role.OPERATOR: translate("Governance", "Operator"),
        Role.AUDITOR: translate("Governance", "Auditor"),
        Role.VIEWER: translate("Governance", "Viewer"),
    }
    try:
        return names[Role(role)]
    except ValueError:
        return str(role)


def status_name(status: UserStatus) -> str:
    return {
        UserStatus.ACTIVE: translate("Governance", "Active"),
        UserStatus.SUSPENDED: translate("Governance", "Suspended"),
        UserStatus.BANNED: translate("Governance", "Banned"),
    }[status]


def permission_name(permission: Permission) -> str:
    return {
        Permission.BLUEPRINT_READ: translate("Governance", "Read blueprints"),
        Permission.BLUEPRINT_EDIT: translate("Governance", "Edit blueprints"),
        Permission.CODEGEN_RUN: translate("Governance", "Generate code"),
        Permission.DEPLOY_PLAN: translate("Governance", "Plan deployments"),
        Permission.DEPLOY_APPLY: translate("Governance", "Deploy"),
        Permission.DEPLOY_DESTROY: translate("Governance", "Destroy infrastructure"),
        Permission.APPROVALS_DECIDE: translate("Governance", "Decide approvals"),
        Permission.CONSTITUTION_EDIT: translate("Governance", "Edit the constitution"),
        Permission.USERS_MANAGE: translate("Governance", "Manage users"),
        Permission.BUDGET_MANAGE: translate("Governance", "Manage budgets"),
        Permission.AUDIT_READ: translate("Governance", "Read the audit log"),
        Permission.EVENTS_READ: translate("Governance", "Read events"),
        Permission.COSTS_READ: translate("Governance", "Read costs"),
    }[permission]


def state_name(state: ApprovalState) -> str:
    return {
        ApprovalState.PENDING: translate("Governance", "Pending"),
        ApprovalState.APPROVED: translate("Governance", "Approved"),
        ApprovalState.REJECTED: translate("Governance", "Rejected"),
        ApprovalState.EXPIRED: translate("Governance", "Expired"),
        ApprovalState.WITHDRAWN: translate("Governance", "Withdrawn"),
    }[state]


def yes_no(value: bool) -> str:
    return translate("Governance", "Yes") if value else translate("Governance", "No")


def describe_action(request: ApprovalRequest | ActionDescriptor) -> str:
    """What the request (or action) asks for, as a sentence."""
    action = request.action if isinstance(request, ApprovalRequest) else request
    subject = action.subject
    context = action.context
    if action.kind == kinds.USER_BAN:
        return fill(translate("Governance", "Ban user %1"), subject)
    if action.kind == kinds.USER_SUSPEND:
        return fill(translate("Governance", "Suspend user %1"), subject)
    if action.kind == kinds.USER_ROLE_CHANGE:
        return fill(translate("Governance", "Change the role of %1 to %2"), subject,
                    role_name(str(context.get("role", ""))))
    if action.kind == kinds.ROOT_TRANSFER:
        return fill(translate("Governance", "Hand the root owner role to %1"), subject)
    if action.kind == kinds.CONSTITUTION_CHANGE:
        base = context.get("base_version")
        if base == 0:  # nothing adopted yet: the default is in force, not a "version 0"
            return translate("Governance", "Change the default constitution")
        return fill(translate("Governance", "Change the constitution (now version %1)"),
                    "?" if base is None else base)
    if action.kind == kinds.DEPLOY:
        return fill(translate("Governance", "Deploy %1 to %2"), subject,
                    context.get("environment", "?"))
    if action.kind == kinds.DESTROY:
        return fill(translate("Governance", "Destroy %1"), subject)
    if action.kind == kinds.BUDGET_RAISE:
        return fill(translate("Governance", "Raise the budget of %1"), subject)
    if action.kind == USER_ADD:
        return fill(translate("Governance", "Add user %1"), subject)
    if action.kind == USER_PERMISSIONS:
        return fill(translate("Governance", "Change the permissions of %1"), subject)
    if action.kind == USER_REACTIVATE:
        return fill(translate("Governance", "Reactivate user %1"), subject)
    if subject:
        return fill(translate("Governance", "%1 on %2"), action.kind, subject)
    return isolate(action.kind)


def problem_text(failure: DecisionFailure | DecisionProblem) -> str:
    problem = failure.problem if isinstance(failure, DecisionFailure) else failure
    texts = {
        DecisionProblem.REASON_MISSING: translate(
            "Governance", "Give a reason for your decision."),
        DecisionProblem.NOT_PENDING: translate(
            "Governance", "This request has already been decided."),
        DecisionProblem.EXPIRED: translate(
            "Governance", "This request has expired; it can no longer be decided."),
        DecisionProblem.OWN_REQUEST: translate(
            "Governance", "You made this request, and its rule does not let the requester "
            "decide it (separation of duties). Another approver must decide."),
        DecisionProblem.NOT_AN_APPROVER: translate(
            "Governance", "Your role may not decide this request."),
        DecisionProblem.NOT_ACTIVE: translate(
            "Governance", "Your account is not active, so you cannot decide."),
        DecisionProblem.ALREADY_VOTED: translate(
            "Governance", "You have already decided on this request."),
        DecisionProblem.DENIED: translate(
            "Governance", "Your vote was recorded, but the constitution now refuses the action, "
            "so it was not carried out."),
        DecisionProblem.FAILED: translate("Governance", "The decision could not be recorded."),
    }
    return texts[problem]


def countdown(moment: datetime, now: datetime) -> str:
    """"in 3 days", "5 minutes ago", in the active language (Babel)."""
    from babel.dates import format_timedelta

    delta: timedelta = moment - now
    return localize_digits(str(format_timedelta(delta, add_direction=True, locale=language())))


def amount(value: object, currency: str | None) -> str:
    from decimal import Decimal

    from app.domain import numerals

    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if currency:
        return numerals.money(number, currency, language())
    return numerals.number(number, language())


def local_rule_text(en: str, ar: str) -> str:
    return ar if language() == "ar" and ar else en


def refusal_text(exc: BaseException) -> str:
    """Why a governed change did not happen: the constitution's words in the active
    language, or the service's reason."""
    from app.gui.messages import error_text
    from app.services.governance import ActionDeniedError
    from app.services.users import UserError

    if isinstance(exc, ActionDeniedError):
        reasons = "; ".join(local_rule_text(m.message_en, m.message_ar) for m in exc.decision.matches)
        return fill(translate("Governance", "The constitution refuses this: %1"), reasons)
    if isinstance(exc, UserError):
        return fill(translate("Governance", "This change is not possible: %1"), str(exc))
    return error_text(exc)
