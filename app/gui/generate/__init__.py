"""The Generate pane: a blueprint version becomes a platform folder, its changes, conflicts
and history are shown, and the generated backend runs locally."""
