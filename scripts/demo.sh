#!/usr/bin/env bash
# The main job (`make demo`): install, start Neo4j, ingest the sample corpus, then serve the API.
# Neo4j keeps running afterwards; stop it with `make neo4j-stop`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh
pg_bootstrap

pg() { .venv/bin/policygraph "$@"; }
has_command() { pg "$1" --help >/dev/null 2>&1; }

echo "==> starting Neo4j"
pg neo4j start

if has_command ingest; then
    echo "==> ingesting corpus/"
    pg ingest corpus/
else
    echo "==> 'policygraph ingest' is not available yet; skipping ingestion"
fi

read -r docs_url browser_url < <(.venv/bin/python - <<'PY'
from graph.settings import get_settings

s = get_settings()
host = "127.0.0.1" if s.api_host in ("0.0.0.0", "::") else s.api_host
print(f"http://{host}:{s.api_port}/docs", s.browser_url)
PY
)
echo
echo "  API docs:      $docs_url"
echo "  Neo4j Browser: $browser_url   (user neo4j, password from POLICYGRAPH_NEO4J_PASSWORD)"
echo

if has_command serve; then
    echo "==> serving the API (Ctrl-C to stop; Neo4j keeps running: make neo4j-stop)"
    exec .venv/bin/policygraph serve
else
    echo "==> 'policygraph serve' is not available yet; Neo4j is up at $browser_url"
fi
