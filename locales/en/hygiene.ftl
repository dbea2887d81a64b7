# Flood control and input hygiene
flood-slow-down = That's a lot of taps. Wait a moment, then try again.
form-title-invisible = the title is only invisible characters (such as zero-width spaces): please write a visible title
form-place-invisible = the place is only invisible characters (such as zero-width spaces): please write a visible place
setup-name-invisible = The name is only invisible characters (such as zero-width spaces). Reply with the organisation's name:
form-title-shortened = ✂️ The title was too long for a card, so it was shortened to { $max ->
        [one] one character
       *[other] { $max } characters
    }: “{ $value }”
form-place-shortened = ✂️ The place was too long for a card, so it was shortened to { $max ->
        [one] one character
       *[other] { $max } characters
    }: “{ $value }”
setup-name-shortened = ✂️ The name was too long, so it was shortened to { $max ->
        [one] one character
       *[other] { $max } characters
    }: “{ $value }”
