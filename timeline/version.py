"""The package's version, in a module of its own at the bottom floor, so that writers that stamp it (iCalendar's
PRODID, Parquet's metadata) need not import the package face above them."""

__version__ = "0.1.0"
