"""Pure pipeline stages: poll -> fetch -> extract -> dedup -> format -> queue -> deliver.

Nothing in here imports Celery; stages take and return the records in `workers.models` and
raise the errors in `workers.errors`.
"""
