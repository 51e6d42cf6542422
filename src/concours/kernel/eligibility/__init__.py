"""Eligibility screening: a candidate's profile against a vacancy notice's requirements, on a date.

reqs = compile_requirements(notice)               # once per vacancy
verdict = screen_compiled(profile, reqs, on=day)  # per application
verdict.eligible                                  # "yes" | "no" | "review"
verdict.to_json(lang="fr")                        # contracts/verdict.schema.json, reasons in French
render(check.code, check.params, "fr")            # one reason again, in any language
"""

from __future__ import annotations

from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.messages import MESSAGES, render
from concours.kernel.eligibility.profile import Profile, load_profile
from concours.kernel.eligibility.requirements import Requirements, compile_requirements
from concours.kernel.eligibility.screen import screen, screen_compiled
from concours.kernel.eligibility.verdict import Check, Verdict

__all__ = [
    "MESSAGES",
    "Check",
    "InvalidInput",
    "Profile",
    "Requirements",
    "Verdict",
    "compile_requirements",
    "load_profile",
    "render",
    "screen",
    "screen_compiled",
]
