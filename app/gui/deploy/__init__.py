"""The Deploy pane: each platform environment, its plan on the owner's cloud and its cost."""
