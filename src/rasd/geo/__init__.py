"""Places: the gazetteer, place recognition and geocoding by the article's context."""
