"""Dependencies shared by every route."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from pydantic import AfterValidator
from sqlmodel import Session

from app.auth.permissions import Caller, get_caller
from app.core.db import get_session
from app.core.numbers import clamp_int64

SessionDep = Annotated[Session, Depends(get_session)]
# The user behind the request (app.auth decides what they may read).
CallerDep = Annotated[Caller, Depends(get_caller)]
# An ID from a URL path (``(?P<id>[\d]+)``): WordPress casts it to a PHP integer, so a bigger number names
# the largest one (and no item) rather than failing.
PathId = Annotated[int, AfterValidator(clamp_int64)]
