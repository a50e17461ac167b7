"""Headless commands over the same services as the GUI; ``--json`` output for scripts."""
