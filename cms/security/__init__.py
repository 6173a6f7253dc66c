"""What the whole site shares to stay secure: the client's address, the security log, headers
and abuse limits. Nothing here knows about pages or the secure database."""
