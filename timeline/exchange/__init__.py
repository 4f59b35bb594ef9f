"""Other tools' formats, both ways: exports of a Log and imports into the events file."""
