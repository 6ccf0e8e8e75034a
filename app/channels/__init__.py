"""Intake channels (mobile, 12345 hotline, Open311): each consumes cases, none depends on another."""
