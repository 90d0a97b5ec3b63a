"""Django's Redis cache, with one redis-py client per connection pool.

Django's Redis cache makes a new `redis.Redis` client for every operation, and
redis-py builds its table of about 165 response callbacks for each new client
(redis-py issue #3624). On a cached page that was more than half of the time the
cache took. A client is safe to share, since its connections come from the pool,
so each pool keeps one client.
"""

from django.core.cache.backends import redis


class _Client(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
