"""Performance benchmarks for WebNova Console (run with ``python -m benchmarks.<name>``)."""
