"""Consultation templates: XLSX workbooks out to partners and members, and back in.

`layout` names the sheets and columns both ways; `workbooks` writes the templates; `checking`
reads a filled one and plans its changes without writing; `applying` writes a checked plan;
`tasks` runs both in the background with progress.
"""
