"""The Blueprints pane: list, edit, validate, version and exchange blueprints offline."""
