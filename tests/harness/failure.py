"""What a journey step's outcome is, and the one failure a journey raises.

:class:`JourneyFailure` is raised where a journey stops: by :func:`tests.harness.page.plan`
(the reader's tab does not show what a step needs), by :func:`tests.harness.expectations.verify`
(a step failed or left the wrong state) and by :func:`tests.harness.runner.run_journey`, which
fills in every section's outcome before it passes the failure on, so that a test records the
results of a failed journey too (tests/harness/recording.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionResult:
    """Outcome of one section in one journey: ``passed``, ``failed`` or ``skipped``.

    Attributes:
        section: ``FILE:NAME`` of the snippet section.
        outcome: ``passed``, ``failed`` or ``skipped``.
        reason: why it failed (the problem's first line) or was skipped; "" when it passed.
    """

    section: str
    outcome: str
    reason: str = ""


class JourneyFailure(AssertionError):
    """A journey step did not do what the site says; the message is the whole report.

    Args:
        message: the report: the step, ``snippets/FILE:LINE``, page and tab, shell, target and
            the transcript where there is one.
        step: the step's name (``activate``).
        location: ``snippets/FILE:LINE`` (or the page) of the problem; "" when unknown.
        results: every section's outcome in the journey, failed and skipped ones included
            (empty until the runner fills them in).
    """

    def __init__(
        self, message: str, step: str, location: str, results: list[SectionResult] | None = None
    ):
        super().__init__(message)
        self.step = step
        self.location = location
        self.results = list(results or [])
