from __future__ import annotations

from weiquan.lib.workflow import WorkflowError


class InvalidInput(Exception):
    """Input that breaks a rule; `errors` maps field names to messages (shown next to the fields)."""

    status = 422

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class NotVisible(Exception):
    """The case does not exist for this user (out of scope looks the same as missing)."""

    status = 404


__all__ = ["InvalidInput", "NotVisible", "WorkflowError"]
