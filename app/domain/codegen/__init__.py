"""Code generation, the pure part: what a blueprint becomes (names, columns, endpoints,
sample data, schema migrations), the manifest of a generation and the decisions a
regeneration takes for each file. No I/O here; services/codegen.py drives it."""
