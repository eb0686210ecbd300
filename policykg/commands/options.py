"""Options that commands of more than one module take.

Kept apart so that a command module takes an option without importing another command module:
the graph queries, whose cold start is measured against importing networkx, would otherwise load
``parse`` for the ``--ocr`` option of ``build``.
"""
from __future__ import annotations

import click

from policykg.extractor.ocr_mode import OCR_MODES

ocr_option = click.option(
    "--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
    help="When PDF text that is a picture is read by OCR (needs policykg[ocr]): auto reads "
         "pages without a text layer and images of text; always reads every page.")
