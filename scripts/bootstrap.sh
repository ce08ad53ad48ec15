# Sourced by test.sh and demo.sh: create .venv with Python 3.11 if missing and install policygraph
# (editable, with the dev and spark extras: the tests run Spark) into it. Re-running is cheap (a few
# seconds) and picks up new packages.

_pg_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "policygraph needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2
    return 1
}

pg_bootstrap() {
    if [ ! -x .venv/bin/python ]; then
        local python
        python="$(_pg_python)"
        echo "==> creating .venv with $python"
        "$python" -m venv .venv
        .venv/bin/python -m pip install --disable-pip-version-check -q --upgrade pip
    fi
    echo "==> pip install -e '.[dev,spark]' (log: .venv/pip-install.log)"
    if ! .venv/bin/python -m pip install --disable-pip-version-check -e '.[dev,spark]' >.venv/pip-install.log 2>&1; then
        tail -n 40 .venv/pip-install.log >&2
        echo "pip install failed; full log in .venv/pip-install.log" >&2
        return 1
    fi
}
