"""Blueprints: the single source of truth for one platform."""
