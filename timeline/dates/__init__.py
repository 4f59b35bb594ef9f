"""Date phrases -> earliest/latest days, and the rule that read each."""
