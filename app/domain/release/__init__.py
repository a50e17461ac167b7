"""Releases: one generated platform commit with the wheels it runs on, a manifest of every
file's hash and the owner's signature over it. Pure: no files, no pip, no git."""
