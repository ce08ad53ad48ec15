# The policygraph API image used by docker-compose.yml (`api` service).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The sources the wheel is built from; tests, notebooks and .venv are excluded by .dockerignore.
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY ingest ./ingest
COPY api ./api
COPY queries ./queries
COPY policygraph ./policygraph
COPY localserver ./localserver
RUN pip install . \
    && useradd --create-home --uid 10001 policygraph

COPY corpus ./corpus

USER policygraph
EXPOSE 8000
CMD ["policygraph", "serve", "--host", "0.0.0.0"]
