"""SCORM 1.2 packages of a knowledge bank (the exam or a knowledge check) for any LMS.

manifest.py writes imsmanifest.xml (SCORM 1.2 Content Aggregation Model); package.py renders
the one-page SCO with the site's widget scripts and zips it. The runtime is js/scorm.js.
"""
