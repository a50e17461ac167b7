"""The assistant: intents, the offline planner, proposals, prompts and reviews (pure)."""
