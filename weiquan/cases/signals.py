"""Hooks other apps listen to. Sent inside the registering transaction, after the case and its first
event exist: receivers may add suggestions (triage) or route the case through the services."""

from django.dispatch import Signal

# kwargs: case, actor, data (the IntakeData)
case_registered = Signal()

# Sent by apply_action after each action, inside its transaction (kwargs: case, actor, action, from_state,
# payload): receivers (e.g. the 12345 outbox) write in the same transaction as the change.
case_transitioned = Signal()
