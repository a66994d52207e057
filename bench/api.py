"""API benchmark: requests/s and p50/p99 latency of `vellum serve --workers 2` against a bare FastAPI floor.

Usage: ``python bench/api.py [--export WXR] [--duration 10] [--connections 16] [--without-cache]``

Imports the WordPress Theme Unit Test export into a fresh SQLite database, starts ``vellum serve --workers 2`` as a
user would, and measures three requests with 16 concurrent connections (``--without-cache`` turns the response
cache off, to measure what every request costs after a write). In the same run a bare FastAPI app (two
uvicorn workers) serves the very same response bytes at the same paths: the floor no real API can beat here. Uses
``wrk`` when it is installed (Debian package ``wrk``), else a built-in keep-alive load generator (slower: its own
CPU use lowers both figures).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
THEME_UNIT_TEST = Path("fixtures") / "themeunittestdata.wordpress.xml"


def default_export() -> Path:
    """The Theme Unit Test export in ``$VELLUM_SHARED_DIR`` or the nearest ``shared`` dir beside the checkout."""
    if "VELLUM_SHARED_DIR" in os.environ:
        return Path(os.environ["VELLUM_SHARED_DIR"]) / THEME_UNIT_TEST
    for parent in REPO.parents:
        if (parent / "shared" / THEME_UNIT_TEST).is_file():
            return parent / "shared" / THEME_UNIT_TEST
    return REPO.parent / "shared" / THEME_UNIT_TEST


REQUESTS = {
    "list": "/wp-json/wp/v2/posts?per_page=10",
    "single": "/wp-json/wp/v2/posts/1178",
    "list+embed": "/wp-json/wp/v2/posts?per_page=10&_embed",
}
# Share of the floor's requests/s each kind must reach, and the latency ceiling.
TARGET_SHARE = {"list": 0.30, "single": 0.40, "list+embed": 0.30}
TARGET_P99_MS = 50.0
WORDPRESS_RPS = {"list": 23.0, "single": 127.0, "list+embed": 14.5}


@dataclass(frozen=True)
class Measure:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int = 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not answer in {timeout:.0f} s")


def fetch(port: int, path: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.getheader("content-type", ""), response.read()


def floor_app_source(bodies: dict[str, tuple[str, bytes]], directory: Path) -> str:
    """A FastAPI app answering each path with the stored bytes, written next to the bodies it serves."""
    routes = []
    for index, (path, (content_type, body)) in enumerate(bodies.items()):
        (directory / f"body{index}.bin").write_bytes(body)
        routes.append((path.split("?")[0], content_type, f"body{index}.bin"))
    return textwrap.dedent(
        f"""
        from pathlib import Path
        from fastapi import FastAPI, Response
        HERE = Path(__file__).parent
        app = FastAPI()
        BODIES = {{}}
        for path, content_type, name in {routes!r}:
            BODIES.setdefault(path, []).append((content_type, (HERE / name).read_bytes()))

        @app.get("/healthz")
        def health() -> dict[str, str]:
            return {{"status": "ok"}}

        def route(path: str) -> None:
            variants = BODIES[path]
            def handler(_embed: str | None = None) -> Response:
                content_type, body = variants[-1] if _embed is not None and len(variants) > 1 else variants[0]
                return Response(body, media_type=content_type)
            app.add_api_route(path, handler, methods=["GET"])

        for path in BODIES:
            route(path)
        """
    )


def run_wrk(url: str, duration: int, connections: int) -> Measure:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    failures = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = int(failures.group(1)) if failures else 0
    return Measure(rps, _wrk_latency(output, "50%"), _wrk_latency(output, "99%"), errors)


def _wrk_latency(output: str, percentile: str) -> float:
    match = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)\b", output)
    if match is None:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def run_builtin(port: int, path: str, duration: int, connections: int) -> Measure:
    """Keep-alive clients in threads: good enough to compare two servers measured the same way."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + duration

    errors = 0

    def client() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        failed = 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            failed += response.status >= 400
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Measure(len(latencies) / duration, statistics.median(latencies) * 1000, p99 * 1000, errors)


def measure(port: int, path: str, duration: int, connections: int) -> Measure:
    if shutil.which("wrk"):
        return run_wrk(f"http://127.0.0.1:{port}{path}", duration, connections)
    return run_builtin(port, path, duration, connections)


def start(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, default=default_export())
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--database-url",
        help="an empty database to import into and serve from (default: a fresh SQLite file), e.g. PostgreSQL",
    )
    parser.add_argument(
        "--without-cache",
        action="store_true",
        help="turn the response cache off (VELLUM_RESPONSE_CACHE_BYTES=0): every request takes the full path",
    )
    args = parser.parse_args()
    if not args.export.is_file():
        raise SystemExit(f"{args.export}: no such export (pass --export)")
    vellum = [sys.executable, "-c", "from app.cli.main import main; main()"]
    with tempfile.TemporaryDirectory(prefix="vellum-api-bench-") as scratch:
        work = Path(scratch)
        port, floor_port = free_port(), free_port()
        env = {
            **os.environ,
            "VELLUM_DATABASE_URL": args.database_url or f"sqlite:///{work / 'bench.db'}",
            "VELLUM_MEDIA_ROOT": str(work / "media"),
            "VELLUM_SITE_URL": f"http://127.0.0.1:{port}",
            "VELLUM_LOG_LEVEL": "warning",
            "PYTHONPATH": str(REPO),
        }
        if args.without_cache:
            env["VELLUM_RESPONSE_CACHE_BYTES"] = "0"
        for step in (["db", "upgrade"], ["import", "wxr", str(args.export)]):
            done = subprocess.run([*vellum, *step], env=env, cwd=work, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"vellum {' '.join(step)} failed:\n{done.stderr}")
        server = start([*vellum, "serve", "--workers", "2", "--port", str(port)], env, work)
        floor = None
        try:
            wait_until_up(port, server)
            bodies = {}
            for path in REQUESTS.values():
                status, content_type, body = fetch(port, path)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}; the benchmark needs 200s")
                bodies[path] = (content_type, body)
            (work / "floor_app.py").write_text(floor_app_source(bodies, work))
            floor = start(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "floor_app:app",
                    "--workers",
                    "2",
                    "--port",
                    str(floor_port),
                    "--log-level",
                    "warning",
                ],
                {**os.environ, "PYTHONPATH": str(work)},
                work,
            )
            wait_until_up(floor_port, floor)
            return report(port, floor_port, args.duration, args.connections)
        finally:
            for process in (server, floor):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=30)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def report(port: int, floor_port: int, duration: int, connections: int) -> int:
    tool = "wrk" if shutil.which("wrk") else "built-in keep-alive clients"
    print(f"load: {connections} connections, {duration} s per measurement, {tool}")
    print(f"machine load average before (1/5/15 min): {load_average()} on {os.cpu_count()} CPUs")
    print(
        f"{'request':<12}{'vellum rps':>12}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'floor rps':>12}{'p99 ms':>9}{'share':>8}{'WP 6.1 rps':>12}"
    )
    failed = False
    for name, path in REQUESTS.items():
        measure(port, path, 2, connections)  # warm-up
        ours = measure(port, path, duration, connections)
        floor = measure(floor_port, path, duration, connections)
        share = ours.rps / floor.rps if floor.rps else 0.0
        print(
            f"{name:<12}{ours.rps:>12.0f}{ours.p50_ms:>9.1f}{ours.p99_ms:>9.1f}"
            f"{floor.rps:>12.0f}{floor.p99_ms:>9.1f}{share:>8.0%}"
            f"{WORDPRESS_RPS[name]:>12.1f}"
        )
        for label, ok in (
            (f"{name}: share of floor >= {TARGET_SHARE[name]:.0%}", share >= TARGET_SHARE[name]),
            (f"{name}: p99 < {TARGET_P99_MS:.0f} ms", ours.p99_ms < TARGET_P99_MS),
            (f"{name}: no error answers ({ours.errors})", ours.errors == 0 and floor.errors == 0),
        ):
            print(f"  target {label:<40} {'PASS' if ok else 'FAIL'}")
            failed |= not ok
    print(f"machine load average after (1/5/15 min): {load_average()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
