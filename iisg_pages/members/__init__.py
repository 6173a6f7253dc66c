"""The members' private area: the secure database read through the site, for IISG members."""
