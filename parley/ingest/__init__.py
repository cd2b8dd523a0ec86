"""Reading articles: sources, decoding, HTML and plain-text cleaning, metadata."""
