"""The events of mediation projects: dates in their own time zone, recurrence, registration with a
capacity and a waiting list, minutes and recordings afterwards, and iCal feeds."""
