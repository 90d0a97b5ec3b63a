"""What a request reads from the shared cache."""

from django.core.cache import cache


class CacheReads:
    """The keys read from the shared cache (get and get_many) from now on,
    for as long as `monkeypatch` lasts."""

    def __init__(self, monkeypatch):
        self.keys = []
        real_get, real_get_many = cache.get, cache.get_many

        def get(key, *args, **kwargs):
            self.keys.append(key)
            return real_get(key, *args, **kwargs)

        def get_many(keys, *args, **kwargs):
            self.keys.extend(keys)
            return real_get_many(keys, *args, **kwargs)

        monkeypatch.setattr(cache, "get", get)
        monkeypatch.setattr(cache, "get_many", get_many)
