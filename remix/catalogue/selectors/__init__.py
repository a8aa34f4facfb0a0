"""Reads of the catalogue for pages, feeds, exports and the API: visible things only, unless a
function says whom it shows more to.

- ``documents``: documents, their filters, search with filters, versions, attribution;
- ``commons``: the documented commons;
- ``themes``: themes by code, and how much of the catalogue documents each;
- ``lineage``: a document's sources and remixes, as a graph;
- ``history``: revisions and the public moderation log;
- ``exports``: every visible document and commons as open-data records;
- ``actors``: actors as the catalogue shows them.
"""
