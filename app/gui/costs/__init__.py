"""The Costs pane: spend, margin and forecast from the priced usage rollup (QtCharts)."""
