// lineage, part two: every link between two plans (IMPLEMENTS or CITES), for queries/lineage to walk.
MATCH (a:Plan)-[r:IMPLEMENTS|CITES]->(b:Plan) RETURN a.plan AS src, b.plan AS dst, type(r) AS rel
