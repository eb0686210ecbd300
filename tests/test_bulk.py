"""Every PDF of the bulk corpus (108 plans of many layouts) parses: no parser error, no lost file."""
from policykg.extractor.batch import parse_many
from tests.conftest import SHARED, corpus_files


def test_every_bulk_pdf_parses_without_a_parser_error():
    pdfs = corpus_files(SHARED / "bulk", "*.pdf", 108)
    outcomes = list(parse_many([SHARED / "bulk"], workers=2, progress=False))
    assert len(outcomes) == len(pdfs)
    crashed = [f"{o.path.name}: {o.error}" for o in outcomes if o.error and o.error.startswith("parser error")]
    assert crashed == []
    assert sum(len(o.plan.measures) for o in outcomes if o.plan) > 2000  # 2,383 today
