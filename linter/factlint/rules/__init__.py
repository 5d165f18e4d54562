"""Built-in rules. Each module is a plugin registered through the ``factlint``
entry-point group, exactly like a third-party package."""
