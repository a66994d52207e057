"""Rendering benchmark: CPU seconds a render worker spends per chunk, and a digest of what it produced.

Usage: ``python bench/render.py [--out FILE] [--repeat N] [--profile]`` with ``VELLUM_DATABASE_URL`` pointing
at an imported site.

Renders every rendered entry of the database exactly as a render worker does (``render_chunk``), nothing
written, and prints the CPU time (``time.process_time``, so a busy machine inflates it far less than wall
time) of the whole read-prefetch-render step and of the pure rendering part, per entry and per 20k entries.
``--out`` writes every rendered field, one JSON line per entry, so two versions of the pipeline can be
compared byte for byte; the printed SHA-256 serves the same purpose at a glance. A second digest covers
what each rendering asked the site for (the keys that make it stale when written), which must not change
either.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pstats
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.content import render_batch
from app.content.render_batch import UNRENDERED_TYPES, chunks, render_chunk
from app.content.render_context import ENTRIES
from app.core.db import get_engine
from app.core.settings import get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the rendered fields here (JSON lines)")
    parser.add_argument("--repeat", type=int, default=1, help="render everything this many times")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of the rendering")
    args = parser.parse_args(argv)
    site_url = get_settings().site_url
    render_cpu = 0.0
    original_render_texts = render_batch.render_texts

    def timed_render_texts(*call_args: object) -> render_batch.RenderedChunk:
        nonlocal render_cpu
        start = time.process_time()
        result = original_render_texts(*call_args)  # type: ignore[arg-type]
        render_cpu += time.process_time() - start
        return result

    render_batch.render_texts = timed_render_texts  # type: ignore[assignment]
    digest = hashlib.sha256()
    asked_digest = hashlib.sha256()
    out = args.out.open("w", encoding="utf-8") if args.out else None
    profiler = cProfile.Profile() if args.profile else None
    rendered = 0
    with Session(get_engine()) as session:
        ids = list(session.scalars(select(ENTRIES.c.id).where(ENTRIES.c.type.not_in(UNRENDERED_TYPES))))
        start = time.process_time()
        for repeat in range(args.repeat):
            for chunk in chunks(ids):
                if profiler:
                    profiler.enable()
                result = render_chunk(session, chunk, site_url)
                if profiler:
                    profiler.disable()
                rendered += len(result.rows)
                if repeat == 0:
                    for row in result.rows:
                        line = json.dumps(row, sort_keys=True, ensure_ascii=False)
                        digest.update(line.encode())
                        if out:
                            out.write(line + "\n")
                    for entry_id, asked in result.asked:
                        asked_digest.update(json.dumps([entry_id, sorted(map(str, asked))]).encode())
        total_cpu = time.process_time() - start
    if out:
        out.close()
    per = 20_000 / max(rendered, 1)
    print(f"entries rendered: {rendered} ({len(ids)} x {args.repeat})")
    print(f"render_chunk CPU: {total_cpu:.2f} s ({total_cpu * per:.2f} CPU-s per 20k entries)")
    print(f"  of which render_texts: {render_cpu:.2f} s ({render_cpu * per:.2f} CPU-s per 20k entries)")
    print(f"sha256 of rendered fields: {digest.hexdigest()}")
    print(f"sha256 of dependency keys: {asked_digest.hexdigest()}")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
