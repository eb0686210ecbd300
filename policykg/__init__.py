"""policykg: Chinese government policy plans as a queryable knowledge graph.

The parser is ``policykg.extractor``, the graph and its stores ``policykg.graph``, the named
questions ``policykg.queries``; ``policykg.cli`` is the command line.
"""
