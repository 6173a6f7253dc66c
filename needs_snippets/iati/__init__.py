"""IATI 2.03 in and out: the code lists and schema the product keeps, the activity file it
writes for a member's responses, and the files members upload as candidate responses."""
