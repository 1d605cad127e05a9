"""coursegen: write a course once in YAML; get decks, handouts, quizzes and LMS packages."""

__version__ = "0.1.0"
