"""Changes to events.yaml that keep what people wrote: text splices, and the YAML writer they use."""
