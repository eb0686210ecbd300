"""policykg's knowledge graph: one schema, several backends.

``graph.schema`` names the node and relation types and the id rules; ``graph.build`` turns parsed
plans into a networkx graph (``graph.indicators`` gives indicators their canonical names);
``graph.store`` keeps that graph on disk; ``graph.rdf`` maps it to standard vocabularies,
``graph.sparql`` queries that RDF, ``graph.validate`` checks it against the SHACL shapes, and
``graph.export`` writes it in the formats other tools read. Nothing here imports the parser at
run time: the graph depends on the plan model, never the other way round.
"""
