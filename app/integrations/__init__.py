"""Adapters for the world outside: the OS keyring and (later) cloud and AI providers."""
