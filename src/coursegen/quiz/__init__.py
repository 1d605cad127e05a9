"""Quizzes: assembling attempts, scoring responses, storing attempts, and the runners."""
