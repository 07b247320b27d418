"""newsrelay: news ingestion and social-share workers.

The package holds the Celery app (`workers.celery_app`), thin tasks (`workers.tasks`) and the
pure pipeline stages they call (`workers.pipeline`, `workers.formatters`), which never import
Celery so they can be tested and benchmarked as plain functions.
"""

__version__ = "0.1.0"
