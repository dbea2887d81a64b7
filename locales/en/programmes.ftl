# Programme import, campaigns, calendars, spreadsheets, attendance and volunteer hours
import-ask-file = Send me the programme table as a file: CSV or TSV (as Excel or WPS saves it, UTF-8 or GB18030), with the columns activity name, organising units, content and audience, place or area, time.
import-ask-file-group = Reply to this message with the programme table file (CSV or TSV).
import-not-organiser = Only this organisation's organisers can import a programme.
import-no-organisation = You are not an organiser of any organisation yet. An organiser can import in their group with /import, or a group admin can link the group with /setup.
import-reading = Reading { $file }…
import-error-empty = The file is empty: there are no activities under the header row.
import-error-too_large = The file is too big ({ $size } MB): the limit is { $limit } MB. Split the table and import the parts one after the other.
import-error-binary = This is not a table I can read (it looks like a binary file). In Excel or WPS choose “Save as” → CSV, then send that file.
import-error-bad_headers = I could not find the header row. Missing columns: { $missing }. The header needs 公益服务活动名称 (activity name), 组织单位 (organising units) and 活动时间 (time).
import-error-too_many_rows = The table has more than { $limit } activities. Split it and import the parts one after the other.
import-error-malformed = The file is not valid CSV ({ $detail }). Open it in Excel or WPS and save it again as CSV.
import-error-download = I could not download the file from Telegram. Please send it again.
import-error-no_valid_rows = No activity could be read, so nothing can be imported:
import-column-title = activity name
import-column-organisers = organising units
import-column-content = content and audience
import-column-place = place
import-column-time = time
import-row = row { $row }: { $problem }
import-problem-title-missing = the activity name is empty
import-problem-organisers-missing = no organising unit
import-problem-time-missing = the time is empty
import-problem-row-too_few_cells = the row has too few cells
import-problem-time-empty = the time is empty
import-problem-time-not_understood = time “{ $value }” not understood
import-problem-time-invalid_date = “{ $value }” is not a real date
import-problem-time-invalid_time = “{ $value }” is not a valid time of day
import-problem-time-end_before_start = “{ $value }” ends before it starts
import-preview-title = 📋 <b>{ $file }</b>
import-preview-total = { $total ->
    [1] 1 activity
   *[other] { $total } activities
  }
import-preview-on-day = { $count } on { $date }
import-preview-multi-day = { $count } over several days
import-preview-errors = { $count ->
    [one] 1 row has an error and is left out:
   *[other] { $count } rows have errors and are left out:
  }
import-preview-more-errors = …and { $count } more
import-preview-for = For: <b>{ $organisation }</b> (activities of organisations below it go to them)
import-preview-campaign = Campaign: <b>{ $campaign }</b>
import-preview-no-campaign = No campaign. To add the activities to one, send the file with the caption /import followed by the campaign's name.
import-preview-confirm = Nothing is saved until you press Import. Importing the same table again updates the activities instead of adding copies.
btn-import-confirm = Import { $count }
btn-import-cancel = Cancel
btn-import-for = Import for { $organisation }
import-done = Imported: { $created } new, { $updated } updated, { $unchanged } unchanged. See them with /events.
import-done-campaign = They are in the campaign “{ $campaign }”: see it with /campaign.
import-cancelled = Import cancelled; nothing was saved.
import-gone = This import was already confirmed or cancelled.
import-day = { $month }/{ $day }
campaign-none = No campaigns yet. Organisers add one by importing a programme: send the table with the caption /import and the campaign's name.
campaign-header = <b>{ $name }</b> · { $when }{ $yearly ->
    [yes] {" "}(every year)
   *[no] {""}
  }
campaign-totals = { $events ->
    [one] 1 activity
   *[other] { $events } activities
  } · { $going } signed up
campaign-city-wide = City-wide and other
campaign-empty-here = None of this campaign's events belong to this group's organisations. Send /campaign in their groups, or /events here.
campaign-page = Page { $page }/{ $pages }
calendar-group-caption = Upcoming events of { $name } ({ $count }): open the file to add them to your calendar.
calendar-none = There are no upcoming events to put in a calendar.
export-col-event = Event
export-col-time = Time
export-col-organisation = Organisation
export-col-number = No.
export-col-name = Name
export-col-username = Username
export-col-status = Status
export-col-signed-up-at = Signed up at
export-col-month = Month
export-col-date = Date
export-col-hours = Hours
export-total = Total
export-status-confirmed = signed up
export-status-waitlisted = waitlisted
export-status-cancelled = cancelled
export-status-attended = attended
export-status-no_show = absent
export-caption-event = Sign-ups for “{ $title }”: { $count ->
    [one] 1 person
   *[other] { $count } people
  } signed up{ $cancelled ->
    [0] .
    [one] , and 1 who cancelled (marked “cancelled”).
   *[other] , and { $cancelled } who cancelled (marked “cancelled”).
  }
export-caption-campaign = Sign-ups for the campaign “{ $name }” ({ $organisation }): { $count ->
    [one] 1 person
   *[other] { $count } people
  } signed up{ $cancelled ->
    [0] .
    [one] , and 1 who cancelled (marked “cancelled”).
   *[other] , and { $cancelled } who cancelled (marked “cancelled”).
  }
export-caption-upcoming = Sign-ups for the upcoming events of { $organisation }: { $count ->
    [one] 1 person
   *[other] { $count } people
  } signed up{ $cancelled ->
    [0] .
    [one] , and 1 who cancelled (marked “cancelled”).
   *[other] , and { $cancelled } who cancelled (marked “cancelled”).
  }
export-not-organiser = Only this group's organisers can export sign-ups.
export-start-first = I send exports privately. Open a private chat with me, press Start, then send the command here again.
export-sent-private = Sent to you in a private message.
export-nothing = There is nothing to export yet.
btn-export-csv = 📄 Sign-ups as CSV
btn-attendance = ✅ Attendance and hours
attendance-header = <b>Attendance: { $title }</b>
attendance-count = { $attended } of { $expected } attended. Tap a name to switch between attended and absent.
attendance-hours = Hours per attendee: <b>{ $hours }</b>
attendance-hours-unset = Hours per attendee: not set yet, as the event has no start and end time. Tap “Set hours”.
attendance-nobody = Nobody was signed up for this event.
btn-attendance-all = Everyone signed up attended
btn-hours-length = Hours = event length ({ $hours })
btn-hours-set = Set hours
attendance-not-started = The event hasn't started yet. You can take attendance once it's over.
attendance-marked = { $count } marked as attended
attendance-switched = Attendance updated
attendance-ask-hours = How many volunteer hours does each attendee of “{ $title }” get? Send a number, e.g. 2.5
attendance-hours-bad = “{ $value }” is not a number of hours (up to 1000); send e.g. 2.5
attendance-hours-saved = Hours set: { $hours } per attendee.
hours-header = <b>Your volunteer hours in { $year }</b>: { $total } h in { $count ->
    [one] 1 event
   *[other] { $count } events
  }
hours-none = You have no attended events in { $year } yet. Organisers confirm attendance after each event.
hours-unset = hours not set
hours-report-caption = Volunteer hours of { $organisation } in { $year }: { $people ->
    [one] 1 person
   *[other] { $people } people
  }, { $total } h.
hours-report-hint = Organisers: /hours report sends this organisation's hours report as a spreadsheet.
hours-not-set-up = This group is not linked to an organisation yet. An admin can send /setup.
export-ready = Thanks! I can send you files now. Go back to the group and send the command again.
btn-group-calendar = 📅 Add all to my calendar
btn-import-campaign = Add to the campaign “{ $campaign }”
## Campaign at a glance: /campaign in a hub, /campaign stats
campaign-glance-title = { $kind ->
    [city] 📊 <b>By district so far</b>
    [district] 📊 <b>By street so far</b>
   *[other] 📊 <b>So far</b>
}
campaign-glance-own = { $name } (own level)
campaign-glance-line = { $name }: { $activities ->
    [one] 1 activity
   *[other] { $activities } activities
  }, { $signups } signed up, { $left }, { $attended } attended, { $hoursDone ->
    [one] 1 hour
   *[other] { $hoursDone } hours
  }
campaign-glance-left = { $mode ->
    [unlimited] no limit on places
    [mixed] { $left ->
        [one] 1 place left
       *[other] { $left } places left
      } (and { $uncapped ->
        [one] 1 activity
       *[other] { $uncapped } activities
      } without a limit)
   *[number] { $left ->
        [one] 1 place left
       *[other] { $left } places left
      }
}
campaign-glance-more = …and { $count } more not listed.
campaign-stats-title = 📊 <b>{ $name }</b> · { $kind ->
    [city] sign-ups and attendance by district
    [district] sign-ups and attendance by street
   *[other] sign-ups and attendance
}
campaign-stats-total = Total: { $activities ->
    [one] 1 activity
   *[other] { $activities } activities
  }, { $signups } signed up, { $attended } attended, { $hoursDone ->
    [one] 1 hour
   *[other] { $hoursDone } hours
  }
campaign-stats-hub-only = The campaign chart adds up districts or streets, so it is shown only in the group of a city, district or street hub.
campaign-stats-no-chart = (The chart cannot be drawn right now; these are all the figures.)
campaign-chart-title = { $name } · { $kind ->
    [city] sign-ups and attendance by district
    [district] sign-ups and attendance by street
   *[other] sign-ups and attendance
}
campaign-chart-signups = Signed up
campaign-chart-attended = Attended
