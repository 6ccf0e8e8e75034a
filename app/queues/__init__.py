"""Unit and command-centre case queues."""
