"""Masking of personal data where it is not needed: 张某某, 138****5678, 140202********1234."""

from __future__ import annotations


def mask_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return ""
    if all(ord(ch) < 128 for ch in name):  # a Latin name: keep the initial
        return name[0] + "***"
    return name[0] + "某" * max(1, min(len(name) - 1, 2))


def mask_phone(phone: str) -> str:
    phone = (phone or "").strip()
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "****" + phone[-4:]


def mask_id_number(number: str) -> str:
    number = (number or "").strip()
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_address(address: str) -> str:
    """Keep the part that routes (up to the street), hide the house number and below."""
    address = (address or "").strip()
    if len(address) <= 6:
        return address
    keep = max(6, len(address) // 2)
    return address[:keep] + "…"
