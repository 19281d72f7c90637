"""Governance rules of the ILO: pure functions over plain values.

Standard library only (an import-linter contract enforces it). Each rule cites its
provision; ``docs/rules.md`` and ``docs/rules-voting.md`` are the reference, with the
provisions' own wording. Messages are written in English with ``catalogue.text()``; their
French and Spanish are in ``locale/<language>/LC_MESSAGES/rules.po``.
"""
