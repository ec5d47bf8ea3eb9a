"""The ways in: CLI, batch audit, HTTP API, web page, persistence and job queue."""
