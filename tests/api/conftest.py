"""Fixtures shared by the API tests: a spot in the demo city, its units, the case-flow helper."""

from tests.api.test_case_flows import api, spot, units

__all__ = ["api", "spot", "units"]
