"""Signals of the intake app."""

from django.dispatch import Signal

# Sent once per committed-to-be batch of imported cases, inside the batch's transaction
# (kwargs: case_ids: list[int], actor). Triage listens here to work in bulk; when nobody does,
# `case_registered` is sent for each case instead, exactly as register_case would.
cases_imported = Signal()

# Sent when an import starts (kwargs: actor). A receiver may take over the triage of its batches by
# returning an object with `queue(case_ids)` — called in each batch's transaction instead of sending
# `cases_imported` — and `finish()`, called once the last batch has committed (triage runs a helper
# process that triages each committed batch while the import writes the next).
import_started = Signal()
