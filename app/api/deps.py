"""Dependencies shared by every route."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlmodel import Session

from app.auth.permissions import Caller, get_caller
from app.core.db import get_session

SessionDep = Annotated[Session, Depends(get_session)]
# The user behind the request (app.auth decides what they may read).
CallerDep = Annotated[Caller, Depends(get_caller)]
