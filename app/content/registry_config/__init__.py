"""Post types, taxonomies and post statuses as the site's plugins registered them (``vellum.toml``)."""
