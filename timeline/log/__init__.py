"""events.yaml -> a checked, resolved Log: the YAML tree, the checks, reconciling claims, choosing records."""
