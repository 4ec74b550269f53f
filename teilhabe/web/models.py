"""No models. The module exists so that Django sends this app ``post_migrate``, on
which the shared cache's table is created (teilhabe.web.cache.create_cache_table)."""
