"""The serving benchmark's parts (manage.py bench_serving): load, servers, content, tables."""
