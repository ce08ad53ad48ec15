# Two commands matter: `make demo` (the main job) and `make test` (the suite, with its own Neo4j).
.PHONY: demo test lint bench neo4j-start neo4j-stop neo4j-status

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh $(ARGS)

lint:
	.venv/bin/ruff check . && .venv/bin/mypy && .venv/bin/mypy bench

# Benchmarks (issue 7): starts its own Neo4j (bolt 48687), writes bench/RESULTS.md. Not part of `make test`.
bench:
	.venv/bin/python -m bench all

neo4j-start:
	.venv/bin/policygraph neo4j start

neo4j-stop:
	.venv/bin/policygraph neo4j stop

neo4j-status:
	.venv/bin/policygraph neo4j status
