"""What names a credential: the one rule for header names that carry secrets.

Used wherever HTTP exchanges are written down: ``record`` (requests and
responses of a page) and the recorded calls of remote extractors.
"""

from __future__ import annotations

import re

__all__ = ["CREDENTIAL_HEADER"]

#: A header whose name says it carries a credential: dropped from anything written.
CREDENTIAL_HEADER = re.compile(
    r"auth|token|secret|session|csrf|xsrf|api[-_]?key|signature|cookie|password|credential", re.IGNORECASE
)
