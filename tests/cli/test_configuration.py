"""`vellum` as a user runs it: bad configuration ends with one line naming the setting, exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

VELLUM = [sys.executable, "-c", "from app.cli.main import main; main()"]


def run_vellum(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("VELLUM_")}
    environment.update(env)
    repo = Path(__file__).resolve().parents[2]
    environment["PYTHONPATH"] = str(repo)
    return subprocess.run(
        [*VELLUM, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({"VELLUM_AUTO_MIGRATE": "sometimes"}, "VELLUM_AUTO_MIGRATE"),
        ({"VELLUM_DATABASE_URL": "mysql://root@localhost/x"}, "VELLUM_DATABASE_URL"),
        ({"VELLUM_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/none"}, "VELLUM_DATABASE_URL"),
        ({"VELLUM_DATABASE_URL": "sqlite:////nonexistent-dir/vellum.db"}, "VELLUM_DATABASE_URL"),
        ({"VELLUM_SITE_URL": "example.org"}, "VELLUM_SITE_URL"),
    ],
)
def test_bad_setting_is_one_line_naming_it(tmp_path: Path, env: dict[str, str], setting: str) -> None:
    result = run_vellum("db", "upgrade", cwd=tmp_path, **env)
    assert result.returncode == 2
    assert result.stderr.startswith(f"vellum: error: {setting}:")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_unwritable_media_root_stops_serve(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run_vellum("serve", cwd=tmp_path, VELLUM_MEDIA_ROOT=str(blocker / "media"))
    assert result.returncode == 2
    assert result.stderr.startswith("vellum: error: VELLUM_MEDIA_ROOT:")
    assert "Traceback" not in result.stderr


def test_db_upgrade_makes_the_embedded_database_in_the_working_directory(tmp_path: Path) -> None:
    result = run_vellum("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "vellum.db").is_file()
    current = run_vellum("db", "current", cwd=tmp_path)
    assert "up to date" in current.stdout


def test_a_broken_site_configuration_stops_serve_naming_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "vellum.toml").write_text("[post_types.partner]\npublic = 'yes'\n")
    result = run_vellum("serve", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("vellum: error: ")
    assert "vellum.toml" in result.stderr
    assert "line 2" in result.stderr
    assert "Traceback" not in result.stderr
