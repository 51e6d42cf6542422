"""Demo data for `make demo`: six sample vacancies, generated candidates and an application plan.

Plain Python and JSON: nothing here imports Django, so the data can be checked without a database.
"""

from __future__ import annotations
