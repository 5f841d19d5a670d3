from __future__ import annotations

from datetime import date

from django.db import connection, models


class CaseNumberCounter(models.Model):
    """Last number handed out per province and day. Taken inside the case's own transaction, so a
    rolled-back registration gives its number back: numbers are gap-free and never repeat."""

    province = models.CharField(max_length=6)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "day"], name="case_counter_unique")]

    def __str__(self) -> str:
        return f"{self.province} {self.day}: {self.last}"


def format_number(province: str, day: date, sequence: int) -> str:
    """14 261129 000123: province prefix, yymmdd, six-digit sequence of the day."""
    return numbered(number_prefix(province, day), sequence)


def number_prefix(province: str, day: date) -> str:
    """What the numbers of a province's day begin with (kept by writers of many numbers per day)."""
    return f"{province[:2]}{day:%y%m%d}"


def numbered(prefix: str, sequence: int) -> str:
    return f"{prefix}{sequence:06d}"


def next_number(province: str, day: date) -> str:
    """Must run inside a transaction (the registration's)."""
    table = CaseNumberCounter._meta.db_table
    with connection.cursor() as cursor:
        # INSERT … ON CONFLICT DO UPDATE … RETURNING: one statement that takes the row lock, on
        # PostgreSQL and on SQLite (≥ 3.35) alike.
        cursor.execute(
            f"INSERT INTO {table} (province, day, last) VALUES (%s, %s, 1) "
            f"ON CONFLICT (province, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [province, day],
        )
        (sequence,) = cursor.fetchone()
    return format_number(province, day, sequence)
