"""Deterministic demo data for a realistic Shanxi: businesses and cases written in bulk, exactly as the
services would have recorded them (numbers, hash-chained events, clocks)."""

from .generator import SeedResult, seed_cases

__all__ = ["SeedResult", "seed_cases"]
