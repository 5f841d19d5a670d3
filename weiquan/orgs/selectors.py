from __future__ import annotations

from .models import Organisation


def subtree_ids(org: Organisation) -> list[int]:
    """Ids of the organisation and everything below it (a few hundred at most for a province)."""
    cached = getattr(org, "_subtree_ids", None)
    if cached is None:
        cached = list(Organisation.objects.filter(path__startswith=org.path).values_list("id", flat=True))
        org._subtree_ids = cached
    return cached
