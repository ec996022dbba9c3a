"""Event extraction: recognisers over one analysed document and the event coder."""
