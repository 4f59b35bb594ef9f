"""Other tools' formats, both ways."""
