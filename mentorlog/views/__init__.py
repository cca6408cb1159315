"""What each read command shows: Rich renderables and JSON dicts from core records."""
