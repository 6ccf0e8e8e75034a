// What each flow action's form asks for. Which actions a user may take is the server's answer
// (`allowed_actions` of the case); this only says which fields each action's body needs
// (the `needs` of the service's transition table: reason, hours, unit, photos, master case,
// satisfaction) so the button opens exactly that form.
export type Field =
  | { kind: 'reason'; required: boolean }
  | { kind: 'note' }
  | { kind: 'hours' }
  | { kind: 'unit' }
  | { kind: 'subunit' }
  | { kind: 'photos'; photo: 'after' | 'check' | 'report' | 'verify' }
  | { kind: 'master' }
  | { kind: 'satisfaction' };

const reason: Field = { kind: 'reason', required: true };
const note: Field = { kind: 'note' };

export const ACTION_FIELDS: Record<string, Field[]> = {
  send_verify: [note],
  verify_exists: [{ kind: 'photos', photo: 'verify' }, note],
  verify_not_exists: [{ kind: 'photos', photo: 'verify' }, note],
  reject: [reason],
  merge: [{ kind: 'master' }, note],
  file: [note],
  self_handle: [{ kind: 'photos', photo: 'report' }, note],
  dispatch: [{ kind: 'unit' }, note],
  void_request: [reason],
  void_approve: [note],
  void_deny: [reason],
  sign: [],
  redispatch: [{ kind: 'subunit' }, note],
  return_request: [reason],
  return_approve: [note],
  recall: [note],
  return_deny: [reason],
  extend_request: [{ kind: 'hours' }, reason],
  extend_approve: [{ kind: 'hours' }, note],
  extend_deny: [reason],
  suspend_request: [reason],
  suspend_approve: [note],
  suspend_deny: [reason],
  resume: [note],
  handle: [{ kind: 'photos', photo: 'after' }, note],
  check_pass: [{ kind: 'photos', photo: 'check' }, note],
  check_fail: [{ kind: 'photos', photo: 'check' }, reason],
  close: [note],
  callback: [{ kind: 'satisfaction' }, note],
};

/** Actions that change nothing but a flag and need no form: one click (still confirmed). */
export const ONE_CLICK = new Set(['sign']);

/** Button styles: approvals and the main forward step are primary, refusals are danger. */
export function actionType(action: string): 'primary' | 'danger' | 'warning' | 'default' {
  if (/_deny$|^reject$|^check_fail$|^void_request$/.test(action)) return 'danger';
  if (/_request$/.test(action)) return 'warning';
  if (/^(file|dispatch|sign|handle|close|check_pass|callback|.*_approve|send_verify)$/.test(action)) return 'primary';
  return 'default';
}
