"""The cache all server processes share (``CACHES["default"]``, see settings).

Rate limits (teilhabe.web.ratelimit) and the once-per-lock-out mail
(teilhabe.accounts.lockout) count here, so every gunicorn worker must see the same
numbers: a per-process cache would multiply each limit by the number of workers.

By default this is Django's database cache, which needs no extra server. Its ``incr``
is ``get`` then ``set``: two processes incrementing at once both write the same number
and one count is lost (it also resets the key's expiry). ``DatabaseCache.incr`` here
first writes to the key's row, which takes the row's lock on PostgreSQL and the
database's write lock on SQLite, then reads and writes the new value in the same short
transaction: simultaneous increments queue instead of overwriting each other, and the
expiry stays. ``add`` is already atomic (the key is the table's primary key).

The table is created by ``migrate`` (``create_cache_table``, connected in
teilhabe.web.apps), so no deployment needs an extra command.
"""

import base64
import pickle

from asgiref.sync import sync_to_async
from django.core.cache.backends import db
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.utils import timezone


class DatabaseCache(db.DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        quote = connection.ops.quote_name
        table, cache_key, value, expires = (
            quote(name) for name in (self._table, "cache_key", "value", "expires")
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            # The write comes first: from here on no one else increments this key.
            cursor.execute(
                f"UPDATE {table} SET {expires} = {expires} "  # noqa: S608 - quoted names
                f"WHERE {cache_key} = %s AND {expires} > %s",
                [key, now],
            )
            if cursor.rowcount != 1:
                raise ValueError(f"Key '{key}' not found")
            cursor.execute(
                f"SELECT {value} FROM {table} WHERE {cache_key} = %s",  # noqa: S608
                [key],
            )
            stored = connection.ops.process_clob(cursor.fetchone()[0])
            number = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301
            encoded = base64.b64encode(pickle.dumps(number, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value} = %s WHERE {cache_key} = %s",  # noqa: S608
                [encoded, key],
            )
        return number

    async def aincr(self, key, delta=1, version=None):
        return await sync_to_async(self.incr)(key, delta, version)


def create_cache_table(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: create the database cache's table if it is missing (idempotent)."""
    call_command("createcachetable", database=using, verbosity=0)
