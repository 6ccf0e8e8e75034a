import type zh from './zh-CN';

const en: typeof zh = {
  app: { name: 'Xiuhua', title: 'Grid-based city management', docs: 'API docs', logout: 'Log out', lang: '中文', unit: 'Unit' },
  login: { title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', required: 'Enter user name and password' },
  common: {
    loading: 'Loading…', empty: 'No data', retry: 'Retry', error: 'Error', code: 'Error code',
    refresh: 'Refresh', next: 'Next page', first: 'First page', all: 'All', open: 'Open', search: 'Search', saved: 'Saved',
  },
  menu: { cases: 'Case search', home: 'Home', map: 'Command map', grid: 'Grid lookup', centre: 'Command centre', unit: 'Unit desk', hotline: 'Hotline desk', dashboard: 'Dashboard', admin: 'Administration', case: 'Case' },
  countdown: { left: '{t} left', over: '{t} overdue', paused: 'Paused', dhm: '{d}d {h}h {m}m' },
  photo: { failed: 'Photo failed to load', drop: 'Drop photos here or click to choose (camera on a phone)', tip: 'JPEG / PNG / WebP / HEIC, up to 9' },
  form: {
    reason: 'Reason', note: 'Note', hours: 'Extension (hours)', unit: 'Unit', subunit: 'Sub-unit', photos: 'Photos',
    master: 'Merge into case', satisfaction: 'Call-back result', pick: 'Choose', cancel: 'Cancel',
    confirm: 'Do "{action}"?', searchUnit: 'Type a unit name', openCases: '{n} open',
  },
  satisfaction: { satisfied: 'Satisfied', basically_satisfied: 'Mostly satisfied', dissatisfied: 'Dissatisfied' },
  role: {
    inspector: 'Inspector', operator: 'Operator', shift_leader: 'Shift leader', dispatcher: 'Dispatcher',
    unit_handler: 'Unit handler', hotline_agent: 'Hotline agent', leader: 'Leader', admin: 'Administrator', system: 'System',
  },
  case: {
    title: 'Case {no}', fields: 'Details', status: 'Status', source: 'Source', category: 'Category', severity: 'Urgency',
    description: 'Description', address: 'Address', point: 'Point', grid: 'Grid cell', community: 'Community', street: 'Street',
    district: 'District', mgmt: 'Management class', routed: 'Suggested unit', routedBy: 'Routed by', assigned: 'Assigned unit',
    signed: 'Signed', pending: 'Pending request', master: 'Master case', outside: 'Outside patrol area', satisfaction: 'Call-back',
    provisional: 'Calendar not settled (provisional clock)', photos: 'Photos', before: 'Before', after: 'After', timeline: 'Timeline',
    stages: 'Stage durations', counters: 'Counters', actions: 'Actions', noActions: 'No action available to you now',
    used: '{p}% used', limit: 'limit {v} {u}', due: 'Due', stopped: 'Done', paused: 'Paused', extended: 'extended {h} h',
    chain: 'Hash chain', chainOk: 'intact ({n} linked records)', chainBroken: 'broken at record {seq}',
    reporter: 'Reporter', dispatchedBy: 'sub-dispatched by {unit}',
    system: 'system', actor: 'By', yes: 'yes', no: 'no', timestamps: 'Milestones', openCase: 'Open case',
  },
  counter: {
    dispatches: 'Dispatches', redispatches: 'Sub-dispatches', returns: 'Returns', reworks: 'Reworks', extensions: 'Extensions',
    suspensions: 'Suspensions', suspended_seconds: 'Suspended (s)', repeat_requests: 'Repeat requests', extension_hours: 'Extension hours',
  },
  ts: {
    reported_at: 'Reported', verified_at: 'Verified', filed_at: 'Filed', dispatched_at: 'Dispatched', signed_at: 'Signed',
    handled_at: 'Handled', checked_at: 'Checked', closed_at: 'Closed', finished_at: 'Finished', updated_at: 'Updated',
  },
  list: {
    caseNo: 'Case no.', category: 'Category', address: 'Address', status: 'Status', light: 'Light', due: 'Time left',
    unit: 'Unit', source: 'Source', reported: 'Reported', actions: 'Actions', street: 'Street', filter: 'Filter', selected: '{n} selected',
  },
  light: { green: 'Green', yellow: 'Yellow', red: 'Red' },
  centre: {
    toClose: 'To close', handledChecked: 'Handled / checked', reworks: 'Reworked {n}×',
    inbox: 'Inbox', board: 'Dispatch board', approvals: 'Approvals', supervision: 'Supervision (督办)',
    duplicates: 'Possible duplicates', compare: 'Side by side', suggested: 'Suggested unit', rule: 'Because', oneClick: 'Dispatch',
    changeUnit: 'Another unit', inboxStatus: { reported: 'To accept', verifying: 'To verify' },
    kinds: { extend: 'Extension', return: 'Return', suspend: 'Suspension', void: 'Void' }, request: 'Request', requester: 'Requested by', requestedAt: 'Requested at', hours: 'Hours',
    overdueDays: 'Days overdue', shortcuts: 'Keys: Alt+digit switches tabs in order · R refresh · J/K move · Enter open · D dispatch',
    dispatched: 'Dispatched to {unit}', kind: 'Kind',
  },
  search: {
    text: 'Case number, description or address', go: 'Search', open: 'Open/finished', openYes: 'Open', openNo: 'Finished',
    street: 'Street code (9 digits)', community: 'Community code (12 digits)', cell: 'Cell code (15 digits)', from: 'Reported from',
    to: 'Reported to', period: 'Reported on', order: 'Order', newest: 'Newest first', urgency: 'By urgency', reset: 'Clear', reported: 'Reported',
  },
  unit: {
    queue: 'Our queue', bulkSign: 'Sign selected', signedOk: '{ok} signed, {failed} failed', overdue: 'Overdue only',
    signed: 'Signed', unsigned: 'Not signed', signedYes: 'Signed', counts: 'Assigned {assigned} · unsigned {unsigned} · red {red} · yellow {yellow}',
  },
  hotline: {
    newTicket: 'New ticket', myTickets: 'My tickets', ticketNo: 'Ticket no.', callerName: 'Caller name', callerPhone: 'Caller phone',
    content: 'Request', address: 'Address', addressSearch: 'Match address', candidates: 'Standard addresses (click to pick)',
    picked: 'Picked: {a}', category: 'Category', suggest: 'Suggest from text', urgency: 'Urgency', submit: 'File ticket',
    created: 'Ticket filed: case {no}', feedbackDue: 'Feedback due', contact: 'Contact caller', resolution: 'Resolution',
    resolved: 'Resolved', unresolved: 'Unresolved', callback: 'Call back', reveal: 'Show caller phone', revealReason: 'Reason (audited)',
    revealed: 'Caller: {name} {phone}', caller: 'Caller', location: 'Location', detail: 'Ticket',
    contacted: 'Contacted ({inTime})', inTime: 'in time', late: 'late', score: 'Score',
  },
  home: { welcome: 'Welcome, {name}', go: 'Open desk' },
  dashboard: { title: 'Dashboard' },
  admin: { users: 'Users', username: 'Username', name: 'Name', role: 'Role', active: 'Active' },
};
export default en;
