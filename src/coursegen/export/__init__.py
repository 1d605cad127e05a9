"""LMS exports: SCORM 1.2 packages and quiz banks (GIFT, Moodle XML, QTI 2.1)."""
