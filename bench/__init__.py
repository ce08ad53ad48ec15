"""Benchmarks (issue 7): each stage against its floor, on a synthetic corpus of any size.

Run `python -m bench all [--smoke]`; see `bench/__main__.py` for every subcommand.
"""
