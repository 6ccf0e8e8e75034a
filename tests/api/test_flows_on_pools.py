"""The case flows once more, on the production request pools (`test_case_flows`' own tests).

Every test of `tests/api/test_case_flows` runs here a second time with its requests on the
pools the server runs them on (tests.support.pooled): the reports and actions on the event
loop's asyncpg pool, the reads on the thread pool's psycopg pool, each request a committed unit
of work. The first run (one shared, rolled-back session) checks the rules; this one checks that
the drivers carry them: every bind and result type, error and transaction end of the volume
endpoints.
"""

from tests.api.test_case_flows import *  # noqa: F403 (the same tests, collected here too)
from tests.support.pooled import pooled_client, pooled_db_session  # noqa: F401 (fixtures)
