"""Web: the base layout, the landing and municipality pages, the footer pages
(imprint, privacy, accessibility) and the error pages."""
