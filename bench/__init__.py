"""`make bench`: measure locate/route at every layer (raw PostgreSQL → service → HTTP API).

Run with `python -m bench.run [--quick|--full]`; see docs/PERFORMANCE.md. A measurement, not a
test: it never fails because of a number.
"""
