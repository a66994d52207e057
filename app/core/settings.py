"""Settings from the environment (prefix ``VELLUM_``), each with a working default."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.core.errors import ConfigurationError

DEFAULT_DATABASE_URL = "sqlite:///vellum.db"


class Settings(BaseSettings):
    """Everything a Vellum process can be told from outside."""

    model_config = SettingsConfigDict(env_prefix="VELLUM_", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL: sqlite:///path.db (default) or postgresql+psycopg://user@host/db",
    )
    media_root: Path = Field(default=Path("media"), description="Directory that holds uploaded media")
    site_url: str = Field(default="http://127.0.0.1:8000", description="Public base URL of this site")
    site_title: str = Field(default="Vellum", description="Site title when no import has set one")
    site_description: str = Field(default="", description="Site tagline when no import has set one")
    auto_migrate: Literal["auto", "always", "never"] = Field(
        default="auto",
        description="Migrate on start: auto = only the embedded SQLite database",
    )
    cache_max_age: int = Field(
        default=60, ge=0, description="Seconds shared caches may keep an anonymous GET answer (Cache-Control max-age)"
    )
    response_cache_bytes: int = Field(
        default=64 * 1024 * 1024,
        ge=0,
        description="Bytes of complete anonymous API answers each process keeps in memory (0 turns the cache off)",
    )
    site_config: Path = Field(
        default=Path("vellum.toml"),
        description="Site configuration file declaring custom post types and taxonomies (optional)",
    )
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"

    @field_validator("database_url")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise ValueError("must start with sqlite:// or postgresql+psycopg://")
        return value

    @field_validator("site_url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an absolute http(s) URL")
        return value.rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def migrates_on_start(self) -> bool:
        return self.auto_migrate == "always" or (self.auto_migrate == "auto" and self.is_sqlite)


def load_settings() -> Settings:
    """Read the settings, turning a validation failure into a one-line error naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        name = "VELLUM_" + str(error["loc"][0]).upper() if error["loc"] else "VELLUM_*"
        raise ConfigurationError(f"{name}: {str(error['msg']).removeprefix('Value error, ')}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
