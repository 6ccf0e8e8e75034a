# xiuhua API image. Migrations are a separate prestart step (see compose.yaml: service "migrate"),
# never run by the API workers.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
RUN pip wheel --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    XIUHUA_LOG_JSON=true PORT=8000 MALLOC_ARENA_MAX=2
RUN groupadd --system xiuhua && useradd --system --gid xiuhua --home-dir /srv/xiuhua xiuhua
WORKDIR /srv/xiuhua
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels
COPY alembic.ini ./
COPY migrations ./migrations
# photos (XIUHUA_ATTACHMENT_DIR defaults to var/attachments under the working directory)
RUN mkdir -p var/attachments && chown -R xiuhua:xiuhua var
VOLUME ["/srv/xiuhua/var"]
USER xiuhua
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\",\"8000\")}/healthz')"
# Prestart (run once per deploy, e.g. compose's "migrate" service): xiuhua db upgrade && xiuhua bootstrap
CMD ["sh", "-c", "exec uvicorn app.main:create_app --factory --host 0.0.0.0 --port ${PORT} --workers 2 --proxy-headers --timeout-keep-alive ${XIUHUA_HTTP_KEEP_ALIVE_S:-5} --h11-max-incomplete-event-size ${XIUHUA_HTTP_MAX_HEADER_BYTES:-65536}"]
