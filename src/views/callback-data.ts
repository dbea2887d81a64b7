/**
 * Inline-button payloads. Versioned ("1:"), short (≤ 64 bytes) and parsed
 * strictly: callback data comes from the client and is untrusted, so anything
 * that does not match exactly is rejected before it reaches a service.
 */
export const actions = {
  open: "ev", // open an event card
  signUp: "su",
  cancel: "cx",
  who: "wh",
  calendar: "ic",
  page: "pg", // /events list page
  manage: "mg", // organiser: full list and actions
  close: "cl",
  reopen: "op",
  togglePublic: "pv", // organiser: public ⇄ members of its groups only
  cancelEvent: "ce", // organiser: ask to cancel the event
  cancelEventConfirm: "cy",
  setupCreate: "sc",
  setupKind: "sk",
  setupParent: "sp",
  setupLocale: "sl",
  setupZone: "sz",
  abort: "no",
  newOrg: "nc", // /newevent: which organisation
  newStep: "nk", // /newevent: a button answer for the current step (arg: which)
  newGroup: "ng", // /newevent: toggle a group to post to (id: group index)
  newCampaign: "nj", // /newevent: join (or leave) a campaign (id: campaign)
  newPost: "np", // /newevent: create and post
  newRoles: "nr", // /newevent: give the event roles (asks for the roles line)
  newGuests: "nq", // /newevent: let members bring guests (asks how many)
  guests: "gu", // member: bring this many guests (id: event, arg: count)
  signUpSeries: "sa", // member: sign up for this and every later occurrence of a recurring activity (id: event)
  cancelSeries: "sx", // member: cancel my sign-ups for this and every later occurrence (id: event)
  editScope: "es", // /edit of an occurrence: this one (arg 0) or this and all later ones (arg 1) (id: event)
  cancelSeriesConfirm: "sy", // organiser: cancel this and every later occurrence (id: event)
  editPick: "ep", // /edit: which event
  editField: "ef", // /edit: which field (id: event, arg: field index)
  editNotify: "en", // /edit of the time or place: tell the people signed up? (id: event, arg: 1 yes, 0 no)
  cancelPick: "xp", // /cancelevent: which event
  importConfirm: "ia", // import preview: write it (id: pending import)
  importCancel: "ix",
  importFor: "if", // import preview: import for another organisation (id: pending import, arg: organisation)
  importCampaign: "iy", // import preview: join a current campaign (id: pending import, arg: campaign)
  campaignPage: "cp", // /campaign: page (id: campaign, arg: page)
  attendance: "at", // organiser: attendance sheet (id: event, arg: page)
  attendAll: "aa",
  attendToggle: "av", // id: sign-up, arg: page
  hoursLength: "hl", // hours = the event's length
  hoursSet: "hs", // hours typed by hand
  exportEvent: "xe", // sign-ups of one event as CSV
  groupCalendar: "gc", // /events list: every upcoming event as one .ics
  directoryConfirm: "zd", // directory import preview: write it (id: pending import)
  directoryCancel: "zx",
  linkGroup: "zl", // /start <code> in a group: link it (id: organisation)
  organisationsPage: "zp", // /organisations: page of the ones not linked yet (id: organisation, arg: page)
  organisationsCsv: "zc", // /organisations: the same as CSV (id: organisation)
  importConfirmPost: "zi", // import preview: write it and post each card to its organisation's groups
  parentApprove: "pa", // hub organiser: take the organisation in (id: parent request)
  parentDecline: "pd",
  forgetConfirm: "fm", // /forgetme: delete my data (the id is ignored: always the presser's own)
  newQuestions: "nu", // /newevent: ask questions at sign-up (asks for them)
  newOffer: "nw", // /newevent: offer freed places from the waitlist for a time (asks how long)
  answerPick: "qp", // member: a choice answer (id: event, arg: question position × 10 + option)
  answersEdit: "qe", // member, in /my: change my answers (id: event)
  offerAccept: "oa", // member: take the place offered from the waitlist (id: event; only the presser's own offer)
  offerDecline: "od",
  settingsPage: "sm", // group /settings menu: show a page (id: page); the group is the chat the menu is in
  settingsReminders: "sr", // group /settings: reminder times (id: preset, or off)
  settingsSummary: "ss", // group /settings: daily summary (id: time preset, off, or quiet days yes/no)
  settingsLanguage: "sn", // group /settings: the group's language (id: locale)
  myReminders: "mr", // private /settings: my reminder times (id: preset)
  myLanguage: "ml", // private /settings: my language (id: locale, or Telegram's)
  checkInCode: "ck", // organiser: the event's check-in QR code, privately (id: event)
  checkInRenew: "cn", // organiser: a new check-in code; the old link stops working (id: event)
} as const;

export type Action = keyof typeof actions;

/**
 * Who may use each button, declared next to it so a new button cannot be added without a rule (the type
 * demands an entry for every action). test/security/permission-matrix.test.ts tries every guarded action as
 * outsiders with forged data and checks the database did not change.
 * - anyone / member: no rights needed (members: the event's groups, checked by `eventAccess`)
 * - self: acts on the presser's own data only (the id is ignored)
 * - organiser: organisers of the organisation concerned (`canOrganise`)
 * - hub-organiser: organisers of the hub a request is addressed to
 * - group-admin: the group's Telegram admins (/setup, linking)
 * - group-organiser: organisers of the organisation the group the button is in is linked to (its settings
 *   menu: the button names no group, it acts on the chat it was pressed in)
 */
export type ActionRule =
  | "anyone"
  | "member"
  | "self"
  | "organiser"
  | "hub-organiser"
  | "group-admin"
  | "group-organiser";

export const actionRules: Record<Action, ActionRule> = {
  open: "member",
  signUp: "member",
  cancel: "self",
  who: "member",
  calendar: "member",
  page: "member",
  manage: "organiser",
  close: "organiser",
  reopen: "organiser",
  togglePublic: "organiser",
  cancelEvent: "organiser",
  cancelEventConfirm: "organiser",
  setupCreate: "group-admin",
  setupKind: "group-admin",
  setupParent: "group-admin",
  setupLocale: "group-admin",
  setupZone: "group-admin",
  abort: "anyone",
  newOrg: "organiser",
  newStep: "organiser",
  newGroup: "organiser",
  newCampaign: "organiser",
  newPost: "organiser",
  newRoles: "organiser",
  editPick: "organiser",
  editField: "organiser",
  cancelPick: "organiser",
  importConfirm: "organiser",
  importCancel: "organiser",
  importFor: "organiser",
  importCampaign: "organiser",
  campaignPage: "member",
  attendance: "organiser",
  attendAll: "organiser",
  attendToggle: "organiser",
  hoursLength: "organiser",
  hoursSet: "organiser",
  exportEvent: "organiser",
  groupCalendar: "member",
  directoryConfirm: "organiser",
  directoryCancel: "organiser",
  linkGroup: "group-admin",
  organisationsPage: "organiser",
  organisationsCsv: "organiser",
  importConfirmPost: "organiser",
  parentApprove: "hub-organiser",
  parentDecline: "hub-organiser",
  forgetConfirm: "self",
  newGuests: "organiser",
  guests: "self",
  editNotify: "organiser",
  newQuestions: "organiser",
  newOffer: "organiser",
  answerPick: "self",
  answersEdit: "self",
  offerAccept: "self",
  offerDecline: "self",
  signUpSeries: "member",
  cancelSeries: "self",
  editScope: "organiser",
  cancelSeriesConfirm: "organiser",
  settingsPage: "group-organiser",
  settingsReminders: "group-organiser",
  settingsSummary: "group-organiser",
  settingsLanguage: "group-organiser",
  myReminders: "self",
  myLanguage: "self",
  checkInCode: "organiser",
  checkInRenew: "organiser",
};
const byCode = new Map<string, Action>(Object.entries(actions).map(([name, code]) => [code, name as Action]));

export interface CallbackPayload {
  action: Action;
  id: number;
  arg: number | null;
}

const MAX_ID = 2_147_483_647;

export function encodeCallback(action: Action, id: number, arg?: number): string {
  return arg === undefined ? `1:${actions[action]}:${id}` : `1:${actions[action]}:${id}:${arg}`;
}

export function decodeCallback(data: string | undefined): CallbackPayload | null {
  if (!data || data.length > 64) return null;
  const match = /^1:([a-z]{2}):(\d{1,10})(?::(\d{1,10}))?$/.exec(data);
  if (!match) return null;
  const [, code = "", idText, argText] = match;
  const action = byCode.get(code);
  const id = Number(idText);
  const arg = argText === undefined ? null : Number(argText);
  if (!action || id > MAX_ID || (arg !== null && arg > MAX_ID)) return null;
  return { action, id, arg };
}
