"""Governance rules of the ILO: pure functions over plain values.

Standard library only (an import-linter contract enforces it). Each rule cites its
provision; see ``../shared/domain/ilo-rules.md`` for the reference text.
"""
