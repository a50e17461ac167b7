"""The desktop console: PySide6 windows, panes, item models, language and theme.

Thin by design: widgets call services and draw their results; flows with logic live in
Qt-free modules (``*_flow.py``, ``formatting.py``) that are tested without Qt.
"""
