"""imsmanifest.xml of a one-SCO package, per the SCORM 1.2 Content Aggregation Model:
schemaversion 1.2, one organization, one item, one resource of scormtype «sco» listing
every file, and the pass mark as adlcp:masteryscore (the exam only: a knowledge check is
«completed», not passed)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
ENTRY = "index.html"


def manifest(identifier: str, title: str, files: list[str], mastery: float | None) -> str:
    """The manifest; identifier: unique per bank and version (an LMS updates a course by it)."""
    # A number as an LMS reads it (SCORM's decimals take a point): 80, 72.5.
    score = f"\n        <adlcp:masteryscore>{mastery:g}</adlcp:masteryscore>" if mastery is not None else ""
    listed = "\n".join(f"      <file href={quoteattr(name)}/>" for name in files)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr(identifier)} version="1.0"
    xmlns="{IMSCP}"
    xmlns:adlcp="{ADLCP}"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="organization">
    <organization identifier="organization">
      <title>{escape(title)}</title>
      <item identifier="item" identifierref="sco" isvisible="true">
        <title>{escape(title)}</title>{score}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="{ENTRY}">
{listed}
    </resource>
  </resources>
</manifest>
"""
