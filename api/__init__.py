"""GRAPH -> HTTP: the FastAPI app. Routes are thin; `graph.repository` does the reading."""
