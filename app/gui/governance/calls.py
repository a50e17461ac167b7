"""Governance service calls for the panes, awaited off the GUI thread on the workspace's
database runner (Qt-free).

A decision or request made here is announced to the ApprovalService, so its ``on_change``
listeners refresh at once and an operation awaiting ``ApprovalService.wait()`` resumes the
moment the owner decides, without waiting for its next poll.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.governance.actions import Decision
from app.domain.governance.users import User
from app.gui.governance.approval_flow import Decide, Withdraw
from app.gui.governance.user_actions import ChangeResult, UserChangeRequest, submit
from app.services.approvals import ApprovalRequest, ApprovalService
from app.services.governance import ActionDeniedError, AdoptedConstitution

if TYPE_CHECKING:
    from app.bootstrap import Workspace


def announce(approvals: ApprovalService, request: ApprovalRequest) -> None:
    """Tell listeners and waiters about a request created or decided through the
    synchronous governance calls (the service announces only its own async calls)."""
    approvals.notify(request)


async def decide(workspace: Workspace, request_id: str, approver: str, approve: bool,
                 reason: str) -> ApprovalRequest:
    """A vote through governance, which carries the action out once approved."""
    governance = workspace.governance
    try:
        request = await workspace.runner.run(
            lambda: governance.decide_now(request_id, approver, approve, reason))
    except ActionDeniedError:
        # The vote is recorded even though the action was refused: announce the new state.
        decided = await workspace.runner.run(lambda: workspace.approvals.get_now(request_id))
        announce(workspace.approvals, decided)
        raise
    announce(workspace.approvals, request)
    return request


def decider(workspace: Workspace) -> Decide:
    """``decide`` bound to a workspace, as the approval flow takes it."""

    async def run(request_id: str, approver: str, approve: bool, reason: str) -> ApprovalRequest:
        return await decide(workspace, request_id, approver, approve, reason)

    return run


def withdrawer(workspace: Workspace) -> Withdraw:
    """The requester's withdrawal of their own request, as the approval flow takes it."""

    async def run(request_id: str, requester: str, reason: str) -> ApprovalRequest:
        return await workspace.approvals.withdraw(request_id, requester, reason)

    return run


async def submit_user_change(workspace: Workspace, request: UserChangeRequest) -> ChangeResult:
    actor = workspace.current_user
    result = await workspace.runner.run(lambda: submit(workspace.governance, request, actor))
    if result.request is not None:
        announce(workspace.approvals, result.request)
    return result


async def propose_constitution(workspace: Workspace, source: str,
                               why: str) -> Decision | ApprovalRequest:
    actor = workspace.current_user
    result = await workspace.runner.run(
        lambda: workspace.governance.propose_constitution_now(source, actor, why))
    if isinstance(result, ApprovalRequest):
        announce(workspace.approvals, result)
    return result


@dataclass(frozen=True)
class Directory:
    """The users of the workspace and the person at the console."""

    users: list[User]
    me: User | None


async def load_directory(workspace: Workspace) -> Directory:
    def read() -> Directory:
        workspace.governance.ensure_owner_now()  # the first person here becomes root owner
        users = workspace.users.all()
        me = next((u for u in users if u.user_id == workspace.current_user), None)
        return Directory(users, me)

    return await workspace.runner.run(read)


async def load_constitution(workspace: Workspace) -> tuple[AdoptedConstitution, User | None]:
    def read() -> tuple[AdoptedConstitution, User | None]:
        workspace.governance.ensure_owner_now()
        return workspace.governance.constitution_now(), workspace.users.get(workspace.current_user)

    return await workspace.runner.run(read)


async def load_me(workspace: Workspace) -> User | None:
    def read() -> User | None:
        workspace.governance.ensure_owner_now()
        return workspace.users.get(workspace.current_user)

    return await workspace.runner.run(read)
