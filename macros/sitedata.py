"""All data files of the site, loaded and validated together before any page renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .banks import Bank, load_banks
from .checklists import Checklist, load_checklists
from .glossary import Term, load_glossary
from .links import DocsTree
from .path.route import ROUTE_FILE, Route, load_route
from .problems import DataError, Problem, shown_path

BANKS_DIR = "quiz"
CHECKLISTS_DIR = "checklists"
GLOSSARY_FILE = "glossary.yml"


@dataclass
class SiteData:
    docs: DocsTree
    banks: dict[str, Bank] = field(default_factory=dict)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    glossary: list[Term] = field(default_factory=list)
    route: Route | None = None

    @classmethod
    def load(cls, docs_dir: Path, root: Path) -> SiteData:
        """Load and check every data file; raise DataError listing all problems."""
        docs = DocsTree(docs_dir)
        problems: list[Problem] = []
        glossary_path = docs_dir / GLOSSARY_FILE
        glossary: list[Term] = []
        if glossary_path.exists():
            glossary, found = load_glossary(glossary_path, shown_path(glossary_path, root))
            problems += found
            docs.extra_anchors["glossary.md"] = {term.anchor for term in glossary}
        # Checklists first: their item ids are anchors that bank links may point to.
        checklists, found = load_checklists(docs_dir / CHECKLISTS_DIR, docs, root)
        problems += found
        banks, found = load_banks(docs_dir / BANKS_DIR, docs, root)
        problems += found
        route = None
        route_path = docs_dir / ROUTE_FILE
        if route_path.exists() and not problems:
            route, found = load_route(route_path, shown_path(route_path, root), docs, banks)
            problems += found
        if problems:
            raise DataError(problems)
        return cls(docs, banks, checklists, glossary, route)

    def bank(self, bank_id: str) -> Bank:
        if bank_id not in self.banks:
            raise KeyError(f"no question bank '{bank_id}'; known banks: {', '.join(sorted(self.banks))}")
        return self.banks[bank_id]

    def checklist(self, checklist_id: str) -> Checklist:
        if checklist_id not in self.checklists:
            known = ", ".join(sorted(self.checklists))
            raise KeyError(f"no checklist '{checklist_id}'; known checklists: {known}")
        return self.checklists[checklist_id]

    def exam_bank(self, bank_id: str) -> Bank:
        bank = self.bank(bank_id)
        if bank.exam is None:
            raise KeyError(f"bank '{bank_id}' has no 'exam' settings, so it cannot run as an exam")
        return bank
