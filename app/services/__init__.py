"""Use cases of WebNova Console. No Qt; the outside world only through ports."""
