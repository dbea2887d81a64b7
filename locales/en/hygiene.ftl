# Flood control and input hygiene
flood-slow-down = That's a lot of taps. Wait a moment, then try again.
form-title-invisible = the title is only invisible characters (such as zero-width spaces): please write a visible title
form-place-invisible = the place is only invisible characters (such as zero-width spaces): please write a visible place
setup-name-invisible = The name is only invisible characters (such as zero-width spaces). Reply with the organisation's name:
