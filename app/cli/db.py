"""``vellum db ...``: the schema, migrated by Alembic only."""

from __future__ import annotations

import typer

from app.core.db import check_connection, get_engine
from app.core.migrate import current_revision, downgrade, head_revision, upgrade

app = typer.Typer(help="Create and migrate the database schema.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(revision: str = typer.Argument("head", help="Target revision")) -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    engine = get_engine()
    check_connection(engine)
    upgrade(engine, revision)
    typer.echo(f"Database at revision {current_revision(engine)}.")


@app.command("downgrade")
def downgrade_command(revision: str = typer.Argument(..., help="Target revision, or 'base' for empty")) -> None:
    """Migrate the database down to REVISION."""
    engine = get_engine()
    check_connection(engine)
    downgrade(engine, revision)
    typer.echo(f"Database at revision {current_revision(engine) or 'base'}.")


@app.command("current")
def current_command() -> None:
    """Show the database's revision and whether it is up to date."""
    engine = get_engine()
    check_connection(engine)
    current, head = current_revision(engine), head_revision()
    state = "up to date" if current == head else f"behind (newest is {head}; run `vellum db upgrade`)"
    typer.echo(f"{current or 'base'}: {state}")
