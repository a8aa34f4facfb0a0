"""The funding search (« Recherche de financements »): funders, opportunities, applications from
spotted to granted and reported, their financing plans, deadlines and reminders."""
