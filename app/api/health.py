"""Health endpoint for load balancers: answers only when the database does."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api.responses import OrjsonResponse
from app.core.db import get_engine

router = APIRouter()


@router.get("/healthz", include_in_schema=True, response_class=OrjsonResponse)
def health() -> OrjsonResponse:
    """Report whether this process can reach its database (200) or not (503)."""
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return OrjsonResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return OrjsonResponse({"status": "ok", "database": "ok"})
