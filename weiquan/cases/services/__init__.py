"""The only way to change a case. Every function validates, runs in one transaction and appends an event."""

from .actions import ActionInput, apply_action
from .registration import IntakeData, register_case

__all__ = ["ActionInput", "IntakeData", "apply_action", "register_case"]
