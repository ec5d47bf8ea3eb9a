"""Job engines: `local` (worker processes of the server) and `celery` (Redis), one task for both."""
