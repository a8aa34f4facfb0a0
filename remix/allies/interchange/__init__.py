"""Import and export of the network: CSV, Kumu blueprint JSON, GEXF, GraphML (SKOS: ``skos``).

- ``exports``: the files written out, and their format (columns, list separator, Kumu's types);
- ``rows``: an import's rows, read and checked whole before any is written, then applied;
- ``tags``: a file's tags read as themes, the missing ones created or the file refused;
- ``imports``: the CSV and Kumu imports, from their text to a report of what they did;
- ``gexf``: the GEXF import (Gephi), read safely;
- ``formats``: the formats by name, which one a file is, and the report as text.
"""
