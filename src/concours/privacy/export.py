"""The copy of a candidate's data they download: one zip with the JSON and every file, as stored."""

from __future__ import annotations

import json
import shutil
import zipfile
from typing import IO

from concours.privacy.selectors import PersonalData

README = """This archive holds everything Concours keeps about you.

personal-data.json  your account, profile and job alerts; your applications (with their history,
                    eligibility results, the profile as you submitted it, the mails sent to you, your
                    requests for reasonable accommodation and their decisions, the questions asked
                    about your essay and your answers, and the reserve lists you are on with the posts
                    offered to you); draft essay checks, erasure requests and the audit trail's events
                    about you. Staff members who acted appear as "staff".
applications/       the CV and essay of each application, as you sent them, the anonymised essay the
                    assessment panel reads, and the documents supporting a request for accommodation
                    (in accommodation/).
draft-checks/       drafts still waiting to be checked (checked drafts are not kept).
"""


def write_zip(personal: PersonalData, out: IO[bytes]) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        archive.writestr(
            "personal-data.json", json.dumps(personal.data, ensure_ascii=False, indent=2, default=str)
        )
        for member, stored in personal.files:
            # Streamed from storage (disk or bucket) in chunks: a file is never read whole.
            with stored.open("rb") as source, archive.open(member, "w") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
