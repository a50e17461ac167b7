"""The Assistant pane: chat with the orchestrator, proposals as diffs to accept or reject,
"explain this", smart suggestions and the assistant's settings."""
