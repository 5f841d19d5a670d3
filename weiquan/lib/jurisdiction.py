"""Which place's bureau is competent for a business (Art. 13 for complaints, Art. 31 for reports).

- An e-commerce platform, or a seller on its own website: the bureau of its domicile.
- A seller on a platform: the bureau of the address the seller shows on the platform; the platform's
  domicile is also competent (Art. 13 "or", Art. 31 "if it receives it first"). When the seller shows no
  address, or the address cannot be reached or resolved: the platform's domicile.
- Any other business: where it operates or is domiciled.

Pure: the caller says whether an address resolves (`resolves(address) -> bool`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SELLER_ADDRESS = "seller_address"  # the address the platform seller shows
PLATFORM_DOMICILE = "platform_domicile"  # the platform's domicile, the seller's being missing or useless
DOMICILE = "domicile"  # a platform or own-website seller: its own domicile
BUSINESS_ADDRESS = "business_address"  # an ordinary business


@dataclass(frozen=True)
class Place:
    address: str  # the address whose bureau is competent ("" when none is known)
    basis: str
    alternatives: tuple[str, ...] = ()  # other competent places (the first bureau to receive it may handle)


def competent_place(address: str | None, *, resolves: Callable[[str], bool], platform_address: str | None = None,
                    is_platform: bool = False, seller_unreachable: bool = False) -> Place:
    address = (address or "").strip()
    platform_address = (platform_address or "").strip()
    if is_platform:
        return Place(address, DOMICILE)
    if platform_address:
        if address and not seller_unreachable and resolves(address):
            return Place(address, SELLER_ADDRESS, (platform_address,))
        return Place(platform_address, PLATFORM_DOMICILE)
    return Place(address, BUSINESS_ADDRESS)
