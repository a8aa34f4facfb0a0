"""The catalogue's forms. Those that contribute turn what a member types into what the services
take and say what is wrong field by field; the rules themselves (licences, translations,
lineage) are the services', whose messages land on the same fields. A preview is built from the
cleaned data as the page would show it, and saves nothing.

- ``fields``: the fields that clean names, addresses, durations, codes and coordinates;
- ``contribution``: what the contribution forms share;
- ``documents`` and ``commons``: the two contribution forms;
- ``preview``: what a page would show, from a form's cleaned data;
- ``history`` and ``themes``: the forms of the history pages and of the themes page.
"""
