"""API benchmark: requests/s and p50/p99 latency of `vellum serve --workers 2` against a bare FastAPI floor.

Usage: ``python bench/api.py [--export WXR] [--duration 10] [--connections 16]``

Imports the WordPress Theme Unit Test export into a fresh SQLite database, starts ``vellum serve --workers 2`` as a
user would, and measures three requests with 16 concurrent connections. In the same run a bare FastAPI app (two
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
DEFAULT_EXPORT = REPO.parent / "shared" / "fixtures" / "themeunittestdata.wordpress.xml"
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
    return Measure(rps, _wrk_latency(output, "50%"), _wrk_latency(output, "99%"))


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

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection.request("GET", path)
            connection.getresponse().read()
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Measure(len(latencies) / duration, statistics.median(latencies) * 1000, p99 * 1000)


def measure(port: int, path: str, duration: int, connections: int) -> Measure:
    if shutil.which("wrk"):
        return run_wrk(f"http://127.0.0.1:{port}{path}", duration, connections)
    return run_builtin(port, path, duration, connections)


def start(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, default=DEFAULT_EXPORT)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not args.export.is_file():
        raise SystemExit(f"{args.export}: no such export (pass --export)")
    vellum = [sys.executable, "-c", "from app.cli.main import main; main()"]
    with tempfile.TemporaryDirectory(prefix="vellum-api-bench-") as scratch:
        work = Path(scratch)
        port, floor_port = free_port(), free_port()
        env = {
            **os.environ,
            "VELLUM_DATABASE_URL": f"sqlite:///{work / 'bench.db'}",
            "VELLUM_MEDIA_ROOT": str(work / "media"),
            "VELLUM_SITE_URL": f"http://127.0.0.1:{port}",
            "VELLUM_LOG_LEVEL": "warning",
            "PYTHONPATH": str(REPO),
        }
        subprocess.run(
            [*vellum, "import", "wxr", str(args.export)],
            env=env,
            cwd=work,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
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


def report(port: int, floor_port: int, duration: int, connections: int) -> int:
    tool = "wrk" if shutil.which("wrk") else "built-in keep-alive clients"
    print(f"load: {connections} connections, {duration} s per measurement, {tool}")
    print(f"{'request':<12}{'vellum rps':>12}{'p50 ms':>9}{'p99 ms':>9}{'floor rps':>12}{'share':>8}{'WP 6.1 rps':>12}")
    failed = False
    for name, path in REQUESTS.items():
        measure(port, path, 2, connections)  # warm-up
        ours = measure(port, path, duration, connections)
        floor = measure(floor_port, path, duration, connections)
        share = ours.rps / floor.rps if floor.rps else 0.0
        print(
            f"{name:<12}{ours.rps:>12.0f}{ours.p50_ms:>9.1f}{ours.p99_ms:>9.1f}{floor.rps:>12.0f}{share:>8.0%}"
            f"{WORDPRESS_RPS[name]:>12.1f}"
        )
        for label, ok in (
            (f"{name}: share of floor >= {TARGET_SHARE[name]:.0%}", share >= TARGET_SHARE[name]),
            (f"{name}: p99 < {TARGET_P99_MS:.0f} ms", ours.p99_ms < TARGET_P99_MS),
        ):
            print(f"  target {label:<40} {'PASS' if ok else 'FAIL'}")
            failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
