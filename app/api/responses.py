"""JSON responses serialised with orjson, as every Vellum route answers."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse


class OrjsonResponse(JSONResponse):
    """``application/json; charset=UTF-8`` like WordPress, serialised with orjson."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)

    def init_headers(self, headers: Any = None) -> None:
        super().init_headers(headers)
        self.headers["content-type"] = "application/json; charset=UTF-8"
