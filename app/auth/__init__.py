"""Who is calling, and what they may read: the one place access to content is decided."""

from __future__ import annotations

from app.auth.permissions import ANONYMOUS, Caller

__all__ = ["ANONYMOUS", "Caller"]
