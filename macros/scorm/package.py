"""A SCORM 1.2 package of one knowledge bank: a single HTML page (the SCO) with the site's
widget scripts and styles, the SCORM runtime (js/scorm.js) and imsmanifest.xml, zipped.

The SCO marks itself in the learner's browser, as every SCORM course does, so the bank's
key travels inside the package (sealed, as on the practice exam): packages are made by the
CLI for the trainer and never published on the site. Links to the site's pages are absolute
(site_url), since the package is opened from the LMS, not from the site.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..banks import Bank
from ..builders import PageLinks
from ..links import page_url
from ..render import MarkdownText, Renderer
from ..sitedata import SiteData
from ..uitext import words
from .manifest import ENTRY, manifest

# The SCO's files besides its page: where each comes from in the project.
ASSETS = {
    "bp.js": "docs/assets/bp.js",
    "bp.css": "docs/assets/bp.css",
    "scorm.js": "js/scorm.js",
    "scorm.css": "css/scorm.css",
}
# Markdown of question texts and explanations, as the pages render them (no tooltips: a
# tooltip on an option gives the answer away, and the SCO has no glossary).
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "def_list", "footnotes"]
# Zip entries carry this date, so the same bank and code make the same bytes.
STAMP = (2026, 1, 1, 0, 0, 0)


class PackageError(Exception):
    """A bank that cannot become a package, said in one line."""


@dataclass(frozen=True)
class SiteLinks(PageLinks):
    """Links from the SCO to the site: absolute, from site_url, for attributes and scripts
    alike (rendered() and rendered_data() go through these two)."""

    site: str = ""

    def href(self, link: str) -> str:
        page, _, anchor = link.partition("#")
        return self.site + page_url(page, self.use_directory_urls) + (f"#{anchor}" if anchor else "")

    def data(self, link: str) -> str:
        return self.href(link)


@dataclass(frozen=True)
class Package:
    bank: Bank
    files: dict[str, bytes]  # zip entry -> content, imsmanifest.xml included

    @property
    def summary(self) -> str:
        bank = self.bank
        if bank.exam:
            drawn = sum(bank.exam.draw.values())
            return f"the exam '{bank.id}': {drawn} of {len(bank.questions)} questions an attempt, pass mark {bank.exam.pass_mark:g} %"
        return f"the knowledge check '{bank.id}': {len(bank.questions)} questions"


def local_site(site_url: str | None) -> bool:
    """Whether links would point at a developer's own machine."""
    host = urlsplit(site_url or "").hostname or ""
    return host in ("", "localhost") or host.startswith("127.")


def build(project: Path, docs_dir: Path, bank_id: str, site_url: str | None) -> Package:
    """The package of a bank of a valid site; DataError or PackageError say why not."""
    data = SiteData.load(docs_dir, project)
    try:
        bank = data.bank(bank_id)
    except KeyError as error:
        raise PackageError(str(error.args[0])) from None
    if bank.is_scale:
        raise PackageError(
            f"bank '{bank.id}' is a self-assessment; a SCORM package holds the exam or a knowledge check"
        )
    site = site_url.rstrip("/") + "/" if site_url else ""
    renderer = Renderer(MarkdownText(EXTENSIONS, {}), data.docs, keys_inline=True)
    links = SiteLinks(url=ENTRY, site=site)
    widget = renderer.exam(bank, links) if bank.exam else renderer.quiz(bank, links)
    page = renderer.jinja.get_template("scorm.html").render(
        title=bank.title,
        widget=widget,
        words=words("scorm"),
        # The exam a trainer marks shows the learner the verdict, not the right answers.
        reveal=not (bank.exam and bank.exam.marking == "trainer"),
    )
    files = {ENTRY: page.encode("utf-8")}
    for name, source in ASSETS.items():
        path = project / source
        if not path.is_file():
            raise PackageError(f"{source} is missing (run ./scripts/assets to build docs/assets)")
        files[name] = path.read_bytes()
    identifier = f"sinyaya-ptitsa-{bank.id}-{bank.version}"
    mastery = bank.exam.pass_mark if bank.exam else None
    files["imsmanifest.xml"] = manifest(identifier, bank.title, list(files), mastery).encode("utf-8")
    return Package(bank, files)


def write(package: Package, output: Path) -> None:
    """The zip, imsmanifest.xml first (some LMSs look at the first entry)."""
    order = ["imsmanifest.xml", *(name for name in package.files if name != "imsmanifest.xml")]
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, package.files[name])
