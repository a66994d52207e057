"""The ``vellum`` command."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

import typer

from app.cli import db, serve
from app.core.errors import ConfigurationError

app = typer.Typer(
    name="vellum",
    help="Vellum: a headless CMS that imports WordPress sites whole and serves them over REST.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("serve")(serve.serve)
app.add_typer(db.app, name="db")


def _plug_in_commands() -> None:
    """Add commands other packages register under the ``vellum.commands`` entry point group."""
    for entry_point in sorted(entry_points(group="vellum.commands"), key=lambda point: point.name):
        command = entry_point.load()
        if isinstance(command, typer.Typer):
            app.add_typer(command, name=entry_point.name)
        else:
            app.command(entry_point.name)(command)


_plug_in_commands()


def main() -> None:
    """Entry point: configuration problems end with one line on stderr and exit code 2, no traceback."""
    try:
        app()
    except ConfigurationError as exc:
        print(f"vellum: error: {exc.message}", file=sys.stderr)  # noqa: T201 - the CLI's own output
        sys.exit(2)
