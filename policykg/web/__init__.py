"""The analyst's workbench: ``policykg serve``, a local web app over the store (``app.create_app``).

It belongs to the CLI layer: it imports the extractor, graph and queries, and none of them
imports it.
"""
