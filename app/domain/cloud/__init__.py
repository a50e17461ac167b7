"""The owner's cloud: desired state, plans and prices, independent of any provider."""
