"""The Celery app for `job_engine = "celery"`: Redis as broker and result backend, one task that
wraps the same `run_check` the local engine runs.

Started by `clustercheck worker` (or `celery -A service.jobs.celery_app worker`). Settings come from
the CLUSTERCHECK_* environment, so a worker finds the same database and data folder as the server;
the data folder must be shared (same host or a shared volume) since uploads live there.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from celery import Celery, Task
from celery.exceptions import TimeLimitExceeded
from celery.signals import worker_init, worker_process_init

from service.settings import Settings, get_settings

TASK_NAME = "clustercheck.run_check"


def create_celery(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    # include: the batch audit's task (service.audit.remote) is served by the same workers
    app = Celery("clustercheck", broker=settings.broker_url, backend=settings.broker_url,
                 include=["service.audit.remote"])
    app.conf.update(
        task_default_queue=settings.celery_queue,
        task_serializer="json", accept_content=["json"], result_serializer="json",
        task_ignore_result=True,  # the outcome is in the database; the backend only holds failures
        task_acks_late=True,  # a worker that dies mid-job leaves the message to be redelivered
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_time_limit=settings.job_seconds,  # hard limit: the child is killed, on_failure marks F005
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": max(3600, int(settings.job_seconds * 4)),
                                  "queue_order_strategy": "priority", "priority_steps": list(range(10))},
        worker_hijack_root_logger=False,
    )

    class CheckTask(Task):
        def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
            """Runs in the worker's main process when a child was killed over the hard time limit."""
            if isinstance(exc, TimeLimitExceeded) and args:
                from service.jobs.task import fail
                from service.runtime import for_process

                fail(for_process(settings), str(args[0]), "F005",
                     f"处理超时：超过 {settings.job_seconds:.0f} 秒，已终止", settings.job_seconds)

    @app.task(name=TASK_NAME, base=CheckTask)
    def run_check_task(check_id: str) -> str | None:
        from service.jobs.task import run_check
        from service.runtime import for_process

        return run_check(check_id, for_process(settings))

    return app


@worker_init.connect
def _warm_main_process(**_: Any) -> None:
    """Before the pool forks its children: they inherit loaded parsers (see task.warm_up)."""
    from service.jobs.task import warm_up

    warm_up()


@worker_process_init.connect
def _pool_child_init(**_: Any) -> None:
    from service.jobs.task import allow_children

    allow_children()


@cache
def _app_from_environment() -> Celery:
    return create_celery()


def __getattr__(name: str) -> Any:
    """`app`, for `celery -A service.jobs.celery_app worker`, built on first use: the server imports
    this module for its Celery engine and must not build a second app from the environment then."""
    if name == "app":
        return _app_from_environment()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
