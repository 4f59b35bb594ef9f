"""A Log -> what people read: the views of a record, the chart, the page, the reports, the frame."""
