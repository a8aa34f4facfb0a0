"""Mediation projects: the publications, meetings, fiestas, trainings, productions and recurring
calls that rely on the platform and feed it, each with its own fund in the books (never the
platform's), and their events."""
