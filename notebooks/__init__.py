"""The Cypher notebooks' helpers, importable from a kernel: `notebooks.helpers.run` and the `%%cypher`
magic (`%load_ext notebooks.magic`). Tools for people at a notebook, so not part of `graph/`."""
