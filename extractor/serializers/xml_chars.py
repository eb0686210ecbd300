"""What XML 1.0 cannot hold, even as a character reference, defined once for every XML writer:
the workbook (``xlsx``), RDF/XML and GraphML. Documents bring such characters in (a NUL from a
PDF table cell, U+FFFE from a bad font map, a lone surrogate through the Python API), and lxml
and rdflib refuse them, so each writer drops or escapes them first."""
import re

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""C0 controls but tab and line ends, lone surrogates, U+FFFE and U+FFFF."""
