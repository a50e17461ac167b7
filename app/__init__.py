"""WebNova Console: a desktop platform factory for sovereign owners."""

__version__ = "0.1.0"
