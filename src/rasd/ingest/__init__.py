"""Reading inputs (text, HTML, JSON Lines, WARC, feeds, sitemaps) into Documents."""
