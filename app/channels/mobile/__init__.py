"""Mobile channel: inspector reports, verification and check, field-worker tasks."""
