"""Pipeline components. Each is a small class: settings in the constructor, and a ``__call__``
that first finds (``match``) and then writes (``set_annotations``). They are registered in
:mod:`extractor.pipeline`, the only module that knows their names."""
