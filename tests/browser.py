"""Helpers for the browser tests: keyboard-only focus moves and storage reads."""

from __future__ import annotations

import json


def tab_to(page, selector: str, limit: int = 80, key: str = "Tab") -> None:
    """Press Tab until the focused element matches selector, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received keyboard focus after {limit} presses of {key}")


def stored(page, key: str):
    """A value the widgets saved in localStorage, decoded."""
    raw = page.evaluate("k => localStorage.getItem(k)", key)
    return None if raw is None else json.loads(raw)


# Private mode in some browsers: reading gives nothing and writing throws.
NO_STORAGE = """
Storage.prototype.getItem = function () { return null; };
Storage.prototype.setItem = function () { throw new DOMException('Storage is disabled', 'QuotaExceededError'); };
"""


def search_for(page, query: str, zensical: bool = False) -> None:
    """Type a query into the theme's search box as a reader does, once search is ready.

    Material queries on a key release, and Playwright types Cyrillic without key events, so
    the query ends with a real key (End). Zensical opens its own search dialog instead."""
    if zensical:
        page.locator(".md-search__button").first.click()
        box = page.locator("input[aria-controls]").first
    else:
        box = page.locator("input.md-search__input")
        box.click()
        page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent.includes('Инициализация')"
        )
    box.press_sequentially(query, delay=30)
    box.press("End")
