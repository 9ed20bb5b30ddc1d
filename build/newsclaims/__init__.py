"""newsclaims: news articles -> a provenance-checked SQLite database of quotes, figures and entities."""

__version__ = "0.1.0"
