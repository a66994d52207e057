"""The demo site that ``vellum demo`` imports and serves: a small knowledge hub on ending forced and child labour."""
