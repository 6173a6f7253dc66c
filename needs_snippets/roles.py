"""Names of the IISG roles, as user groups (created by migration 0003_roles)."""

SECRETARIAT = "Secretariat"
SUPPORT_GROUPS = {
    "WBCTi": "Support Group WBCTi",
    "WBCSCi": "Support Group WBCSCi",
    "WBBSi": "Support Group WBBSi",
}
BOARD = "Board"
MEMBERS = "Members"
