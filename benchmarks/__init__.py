"""policykg's benchmark suite: every stage timed against a baseline on the same input.

Run it from a source checkout (the corpus is read from ``../shared/corpus``)::

    policykg bench [--quick] [--only STAGE] [--runs N] [--format table|json]
    python -m benchmarks.run ...            # the same command, without the installed script
    python -m benchmarks.parse_profile      # where the parser spends its time

It is not part of ``pytest``: the figures take minutes and mean little on a loaded machine.
``docs/benchmarks.md`` holds the current figures and explains each baseline.
"""
