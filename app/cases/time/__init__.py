"""Case time limits: working calendar, deadlines, time-limit standards, the sweeper."""
