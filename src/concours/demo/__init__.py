"""The demo, as an app: `concours load_demo` loads six sample vacancies, one user per role and generated
candidates whose applications go through the real services (submission, screening, the workflow).

The facts are JSON (`vacancies/`, `data/`); `candidates`, `catalogue` and `plan` are plain Python that
reads them, checkable without a database; `routes` and the command use the domain apps.
"""

from __future__ import annotations
