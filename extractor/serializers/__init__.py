"""Exporters of a Plan, one module per format, imported only when used."""
