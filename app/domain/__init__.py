"""Pure model of WebNova Console: no I/O, no Qt, no database drivers."""
