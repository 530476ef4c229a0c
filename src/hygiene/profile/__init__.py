"""The profile (hygiene.toml): a person's or an office's own policy and dated statements.

model: what a valid profile says; locate: which file is in use; parse: reading and validating
it (problems: the mistakes found, keys: the line of each key); template: writing one."""

from hygiene.profile.keys import key_lines
from hygiene.profile.locate import (
    ENV_VAR,
    FILE_NAME,
    LOCAL_HINT,
    find_profile,
    load_profile,
    unused_local_profile,
)
from hygiene.profile.model import (
    ATTESTATIONS,
    MFA_METHODS,
    NEVER,
    NO_PROFILE,
    Account,
    DeclaredBackup,
    Profile,
    Training,
    Waiver,
)
from hygiene.profile.parse import MAX_PROFILE_BYTES, parse_profile, read_profile

__all__ = [
    "ATTESTATIONS",
    "ENV_VAR",
    "FILE_NAME",
    "LOCAL_HINT",
    "MAX_PROFILE_BYTES",
    "MFA_METHODS",
    "NEVER",
    "NO_PROFILE",
    "Account",
    "DeclaredBackup",
    "Profile",
    "Training",
    "Waiver",
    "find_profile",
    "key_lines",
    "load_profile",
    "parse_profile",
    "read_profile",
    "unused_local_profile",
]
