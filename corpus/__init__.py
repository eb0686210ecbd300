"""The plan shipped with policykg: the default input of ``policykg build`` and the examples."""
