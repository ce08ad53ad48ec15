#!/usr/bin/env bash
# The test command (`make test`): install, start a dedicated test Neo4j, lint, run pytest, stop Neo4j.
# Arguments go to pytest, e.g. `scripts/test.sh -k compose -x`. Exits with pytest's code (5, "no tests
# collected", counts as a failure), or ruff's or mypy's when pytest passed but lint did not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# CI may run without HOME; Python's Path.home() falls back to the passwd entry, so do the same.
: "${HOME:=$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME

# A Neo4j of its own, so tests never touch the development database on 7687/7474.
export POLICYGRAPH_NEO4J_URI="${POLICYGRAPH_TEST_NEO4J_URI:-bolt://127.0.0.1:17687}"
export POLICYGRAPH_NEO4J_HTTP_PORT="${POLICYGRAPH_TEST_NEO4J_HTTP_PORT:-17474}"
export POLICYGRAPH_NEO4J_HOME="${POLICYGRAPH_TEST_NEO4J_HOME:-$HOME/.cache/policygraph/neo4j-test}"
export POLICYGRAPH_NEO4J_USER=neo4j
export POLICYGRAPH_NEO4J_PASSWORD="${POLICYGRAPH_TEST_NEO4J_PASSWORD:-policygraph-test}"
export POLICYGRAPH_NEO4J_DATABASE=neo4j
export POLICYGRAPH_NEO4J_HEAP="${POLICYGRAPH_TEST_NEO4J_HEAP:-1g}"
export POLICYGRAPH_NEO4J_PAGECACHE="${POLICYGRAPH_TEST_NEO4J_PAGECACHE:-512m}"
export POLICYGRAPH_NEO4J_START_TIMEOUT_S="${POLICYGRAPH_TEST_NEO4J_START_TIMEOUT_S:-300}"

# One test run per test server at a time: a second `make test` would otherwise share the database
# (fixtures wipe it) and the first run's exit would stop the server under the second.
mkdir -p "$(dirname "$POLICYGRAPH_NEO4J_HOME")"
if command -v flock >/dev/null 2>&1; then
    exec 9>"$POLICYGRAPH_NEO4J_HOME.run-lock"
    if ! flock -n 9; then
        echo "==> another test run uses $POLICYGRAPH_NEO4J_HOME; waiting for it to finish"
        flock -w 3600 9 || { echo "gave up waiting for $POLICYGRAPH_NEO4J_HOME.run-lock" >&2; exit 1; }
    fi
fi

# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh
pg_bootstrap

# The module form of `policygraph neo4j`: it imports nothing but the server code, so a broken import
# elsewhere in the CLI can never leave the test server running.
neo4j() { .venv/bin/python -m policygraph.commands.neo4j_server "$@"; }

stop_neo4j() {
    echo "==> stopping the test Neo4j"
    neo4j stop || true
}
trap stop_neo4j EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> starting the test Neo4j ($POLICYGRAPH_NEO4J_URI, home $POLICYGRAPH_NEO4J_HOME)"
started=$(date +%s)
neo4j start
echo "==> Neo4j ready after $(( $(date +%s) - started )) s"

echo "==> ruff check . and mypy (the packages pyproject.toml lists, and bench)"
lint=0
.venv/bin/ruff check . || lint=$?
.venv/bin/mypy || lint=$?
.venv/bin/mypy bench || lint=$?

echo "==> pytest $*"
tests=0
.venv/bin/python -m pytest "$@" || tests=$?
if [ "$tests" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
fi
if [ "$tests" -ne 0 ]; then
    exit "$tests"
fi
exit "$lint"
