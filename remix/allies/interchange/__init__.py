"""Import and export of the network: CSV, Kumu blueprint JSON, GEXF, GraphML (SKOS: ``skos``).

- ``exports``: the files written out, and their format (columns, list separator, Kumu's types);
- ``rows``: an import's rows, read and checked whole before any is written, then applied;
- ``imports``: each format's import, from its text to a report of what it created or updated.
"""
