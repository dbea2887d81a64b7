## Organisation directory: import, join links, /organisations
directory-ask-file = Send me the organisation directory as a file with the caption /organisations import. CSV, TSV, .xlsx and .xls work; the columns are name, level (city/district/street/organisation) and parent (empty for the top).
directory-not-hub = Only organisers of a hub (a city, district or street) can import an organisation directory.
directory-error-bad_headers = I could not find the directory's header row. Missing columns: { $missing }. The header needs “name”, “level” and “parent”.
directory-error-empty = The directory is empty: there is no organisation below the header.
directory-column-name = name
directory-column-level = level
directory-column-parent = parent
directory-problem-duplicate = “{ $value }” appears more than once
directory-problem-unknown_parent = the parent “{ $value }” is neither in the file nor an existing organisation
directory-problem-parent_invalid = the row of its parent “{ $value }” has an error
directory-problem-cycle = the parents of “{ $value }” go round in a circle
directory-problem-own_parent = “{ $value }” cannot be its own parent
directory-problem-outside = “{ $value }” is not below the organisation you run
directory-problem-name_missing = the name is empty
directory-problem-name_too_long = the name is too long (at most 100 characters)
directory-problem-level_unknown = level “{ $value }” not understood (city, district, street or organisation)
directory-counts = { $create } new, { $move } moved, { $update } level changed, { $unchanged } unchanged
directory-action-create = new
directory-action-move = moved
directory-action-update = level changed
directory-action-unchanged = unchanged
directory-preview-title = 🏢 <b>{ $file }</b>
directory-preview-errors = { $count ->
    [one] 1 row has an error:
   *[other] { $count } rows have errors:
  }
directory-preview-confirm = Nothing is saved before you press Import. Importing the same directory again creates nothing twice.
directory-preview-blocked = Fix the rows with errors and send the file again; nothing was saved.
btn-directory-confirm = { $count ->
    [one] Import (1 change)
   *[other] Import ({ $count } changes)
  }
directory-done = Directory imported: { $counts }.
directory-done-links = Each organisation's join code and one-tap link (an admin opens the link to add me to the organisation's group):
directory-done-more = …{ $count } in all; the full list is in the file.
directory-csv-caption = Organisation directory: join codes and links
directory-csv-name = name
directory-csv-level = level
directory-csv-parent = parent
directory-csv-code = join code
directory-csv-link = link
directory-cancelled = Directory import cancelled; nothing was saved.
link-ask = Link this group to <b>{ $name }</b>? Once linked, the organisation's activities are posted here.
link-ask-change = This group is linked to <b>{ $current }</b>. Link it to <b>{ $name }</b> instead?
btn-link-confirm = ✅ Link to { $name }
link-admins-only = Only this group's admins can link it to an organisation. Ask one of them to do it.
link-already = This group is already linked to <b>{ $name }</b>. Send /events to see the activities.
link-no-events = There are no upcoming activities yet. Organisers can post one with /newevent or import a programme with /import.
routing-city-level = city level
routing-by-district = By district: { $list }
routing-district-count = { $name } { $count }
routing-created = { $count ->
    [one] 1 new organisation will be created: { $list }
   *[other] { $count } new organisations will be created: { $list }
  }
routing-row = row { $row }: “{ $title }” → { $organisation } ({ $district }{ $created ->
    [yes] , new
   *[no] {""}
})
btn-import-confirm-post = Import and post the cards to each organisation's groups
import-posted = Posted { $cards ->
    [one] 1 card
   *[other] { $cards } cards
  } to { $groups ->
    [one] 1 group
   *[other] { $groups } groups
  }.
import-error-sheet-zip_bomb = This Excel file unpacks to an abnormal size (it may be a “zip bomb”), so I will not open it. Save it again in Excel or WPS and send it once more.
import-error-sheet-no_sheet = The workbook has no sheet of that name. Its sheets: { $detail }
import-error-sheet-unreadable = I cannot read this Excel file ({ $detail }). Save it again as .xlsx or CSV in Excel or WPS and send it once more.
import-error-sheet-too_big_to_read = This Excel file is too big: reading it went over the memory limit. Split it, or save it as CSV.
import-error-sheet-timeout = Reading this Excel file took too long and was stopped. Split it, or save it as CSV.
import-error-sheet-sheet_too_many_rows = The sheet has more than { $limit } rows, so I will not read it. Split it and import the parts.
organisations-title = 🏢 Organisations below <b>{ $name }</b>: linked groups
organisations-level = { $level } { $linked }/{ $total }
organisations-headline = { $levels } linked
organisations-level-city = Cities
organisations-level-district = Districts
organisations-level-street = Streets
organisations-level-organisation = Organisations
organisations-page = Page { $page } of { $pages }
organisations-links-private = The one-tap links go to organisers privately (a link is enough to link a group): tap “📄 Export CSV”, or send me /organisations in private.
organisations-parent = {" "}← { $name }
organisations-line-missing = ⏳ { $name } ({ $level }){ $parent }
organisations-line-linked = ✅ { $name } ({ $level }){ $parent } · group “{ $group }”
organisations-none = There are no organisations below yet. Send me the directory file in private with the caption /organisations import to import it.
organisations-not-organiser = Only this organisation’s organisers can see which organisations below it are linked.
organisations-not-hub = Only organisers of a hub (a city, district or street) can see which organisations below it are linked.
btn-organisations-csv = 📄 Export CSV
organisations-csv-caption = Organisations below { $name }: { $linked } of { $total } have a linked group (with join codes and one-tap links)
organisations-csv-linked = linked
organisations-csv-group = group
organisations-csv-yes = yes
organisations-csv-no = no
