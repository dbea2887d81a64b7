# Roles (slots) with their own places (issue 15)
role-places-count = { $name } { $confirmed }/{ $capacity }
role-places-full = { $name } { $waitlisted ->
    [0] full
   *[other] full · { $waitlisted } waitlisted
  }
role-places-unlimited = { $name } · { $confirmed } signed up
role-btn-signup = ✅ { $name }
toast-signed-up-role = You're in as “{ $role }” ✅
toast-waitlisted-role = “{ $role }” is full: you're number { $position } on its waitlist
toast-pick-role = This event signs up by role: tap one of the role buttons on the card
form-field-roles = Roles
form-ask-roles =
    Which roles do people sign up for? Give each role its places, separated by · or a comma, e.g.
    <code>Doctor 2 · Furniture repair 3 · Legal advice 2 · Volunteer 10</code>
    A role without a number has no limit. With roles, the event's places are the sum of theirs. Reply “none” for no roles.
roles-btn-none = No roles
roles-btn-set = 👥 Sign up by role
form-summary-roles = 👥 { $roles }
form-roles-empty = Please give at least one role
form-roles-too-many = At most 8 roles
form-roles-name-too-long = “{ $value }”: a role's name can be at most 30 characters
form-roles-duplicate = The role “{ $value }” is there twice
form-roles-capacity-range = “{ $value }”: a role's places must be between 1 and 10000
form-roles-no-name = “{ $value }”: please give the role a name
export-col-role = Role
import-problem-roles = roles “{ $value }” not understood (e.g. Doctor 2 · Furniture repair 3)
import-column-roles = Roles
