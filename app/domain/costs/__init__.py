"""Costs: usage records, prices and the rules that turn one into the other (pure, no I/O)."""
