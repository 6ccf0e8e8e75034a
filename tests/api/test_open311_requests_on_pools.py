"""Open311 service requests and their lists once more, on the production request pools.

Every test of `tests/api/test_open311_requests` runs here a second time with its requests on
the pools the server runs them on (tests.support.pooled): the service request on the event
loop's asyncpg pool (its API-key counter on the side pool beside it), the lists on the thread
pool's psycopg pool, each request a committed unit of work.
"""

from tests.api.test_open311_requests import *  # noqa: F403 (the same tests, collected here too)
from tests.support.pooled import pooled_client, pooled_db_session  # noqa: F401 (fixtures)
