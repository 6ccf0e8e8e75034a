"""Helpers shared by the tests (imported by test modules, never from one test module by another)."""
