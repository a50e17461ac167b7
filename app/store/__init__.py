"""Persistence: SQLAlchemy engines for SQLite and PostgreSQL, the event store, projections."""
