"""Job engines: `local` (worker processes of the server) and `celery` (Redis), one task for both."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from service.jobs.base import JobEngine
    from service.runtime import Runtime


def make_engine(rt: Runtime) -> JobEngine:
    """The engine the settings name; here rather than beside the interface, which both engines import."""
    if rt.settings.job_engine == "celery":
        from service.jobs.celery_engine import CeleryEngine
        return CeleryEngine(rt)
    from service.jobs.local import LocalEngine
    return LocalEngine(rt)
