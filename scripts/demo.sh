#!/usr/bin/env bash
# The main job (`make demo`): install, start Neo4j, ingest the sample corpus, then serve the API.
# Neo4j keeps running afterwards; stop it with `make neo4j-stop`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh
if [ -z "${POLICYGRAPH_SKIP_BOOTSTRAP:-}" ]; then  # set it when you manage .venv yourself (the demo test)
    pg_bootstrap
fi

pg() { .venv/bin/policygraph "$@"; }

echo "==> starting Neo4j"
pg neo4j start

echo "==> ingesting corpus/"
pg ingest corpus/
echo "==> network metrics (PageRank, betweenness, communities: Browser's style sizes actors by them)"
pg analyze

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

echo "==> serving the API (Ctrl-C to stop; Neo4j keeps running: make neo4j-stop)"
exec .venv/bin/policygraph serve
