# Vellum: one stateless API process per container. Data lives in the database and the media volume.
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE alembic.ini ./
COPY app ./app
COPY importers ./importers
COPY migrations ./migrations
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VELLUM_DATABASE_URL=sqlite:////data/vellum.db \
    VELLUM_MEDIA_ROOT=/data/media
RUN useradd --system --uid 10001 --home-dir /data --create-home vellum
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER vellum
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["vellum", "serve", "--host", "0.0.0.0", "--port", "8000"]
