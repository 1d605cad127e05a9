"""Languages: interface catalogs, course-content translation, scripts and fonts."""
