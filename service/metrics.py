"""Prometheus metrics, one registry per app (tests build many apps in one process).

Requests are counted by a small ASGI middleware, labelled by route template, never by raw path.
Checks are counted from the database at scrape time: they finish in worker processes (or on
Celery workers on other hosts), which no in-process counter of the web process would see, and
the figures then survive restarts.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import case, func, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.db.models import FINISHED, Check
from service.runtime import Runtime

CHECK_BUCKETS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)


class Metrics:
    def __init__(self, rt: Runtime) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("clustercheck_http_requests", "HTTP requests answered",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("clustercheck_http_request_duration_seconds", "HTTP request duration",
                                 ["method", "route"], registry=self.registry,
                                 buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60))
        self.registry.register(ChecksCollector(rt))

    def exposition(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class ChecksCollector(Collector):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily | HistogramMetricFamily]:
        by_verdict = CounterMetricFamily("clustercheck_checks", "Finished checks by status and verdict",
                                         labels=["status", "verdict"])
        states = GaugeMetricFamily("clustercheck_checks_in_state", "Checks by current status", labels=["status"])
        buckets = [func.sum(case((Check.duration_seconds <= b, 1), else_=0)) for b in CHECK_BUCKETS]
        with self.rt.sessions() as s:
            for status, verdict, n in s.execute(select(Check.status, Check.verdict, func.count())
                                                .where(Check.status.in_(FINISHED))
                                                .group_by(Check.status, Check.verdict)):
                by_verdict.add_metric([status, verdict or "none"], n)
            for status, n in s.execute(select(Check.status, func.count()).group_by(Check.status)):
                states.add_metric([status], n)
            row = s.execute(select(func.count(Check.duration_seconds), func.sum(Check.duration_seconds), *buckets)
                            .where(Check.duration_seconds.is_not(None))).one()
        count, total, cumulative = row[0] or 0, float(row[1] or 0.0), [int(v or 0) for v in row[2:]]
        hist = HistogramMetricFamily("clustercheck_check_duration_seconds", "Time to check one file")
        hist.add_metric([], [(str(b), c) for b, c in zip(CHECK_BUCKETS, cumulative, strict=True)]
                        + [("+Inf", count)], total)
        yield by_verdict
        yield states
        yield hist


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "unmatched"
            method = scope.get("method", "")
            self.metrics.requests.labels(method, path, str(status)).inc()
            self.metrics.latency.labels(method, path).observe(time.perf_counter() - started)
