"""mkdocs-macros entry point: wires the domain modules into the page environment."""
from __future__ import annotations


def define_env(env):
    """Register macros (placeholder until the engine lands)."""

    @env.macro
    def quiz(bank_id: str) -> str:
        return ""

    @env.macro
    def checklist(checklist_id: str) -> str:
        return ""
