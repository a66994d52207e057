"""Column types shared by every domain's tables."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Dialect, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

JsonType = JSON().with_variant(JSONB(), "postgresql")
LongText = Text


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps stored as naive UTC, so SQLite and PostgreSQL agree."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UtcDateTime needs a timezone-aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def json_object_column() -> Column[Any]:
    """A non-null JSON object column that defaults to ``{}`` on bulk inserts too."""
    return Column(JsonType, nullable=False, default=lambda: {})


def json_list_column() -> Column[Any]:
    """A non-null JSON array column that defaults to ``[]`` on bulk inserts too."""
    return Column(JsonType, nullable=False, default=lambda: [])
