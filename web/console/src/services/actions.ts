// Actions come from the server: which ones a user may take (`allowed_actions`), their Chinese
// names and the fields each form needs (`action_forms` of a case read; the `actions` of a queue
// page name them too). The console keeps no dictionary of its own: it remembers what the server
// said, so a list's buttons are named and a button opens exactly the form of its action.
import { reactive } from 'vue';

import type { components } from '@api/schema';

export type ActionForm = components['schemas']['ActionForm'];
export type ActionField = components['schemas']['ActionField'];

const forms = reactive(new Map<string, ActionForm>());
const labels = reactive(new Map<string, string>());

/** Remember the forms of a case read. */
export function rememberForms(list: ActionForm[] | undefined): void {
  for (const f of list ?? []) {
    forms.set(f.action, f);
    labels.set(f.action, f.label);
  }
}

/** Remember the action names a queue page gives (`actions: {code: {label, …}}`). */
export function rememberLabels(actions: unknown): void {
  if (!actions || typeof actions !== 'object') return;
  for (const [code, hint] of Object.entries(actions as Record<string, { label?: string }>)) {
    if (hint?.label) labels.set(code, hint.label);
  }
}

/** The Chinese name of an action, as the server gave it (the code until it has). */
export function actionLabel(action: string): string {
  return labels.get(action) ?? action;
}

/** The form of an action, once a case read has described it. */
export function formOf(action: string): ActionForm | null {
  return forms.get(action) ?? null;
}

/** Button styles: approvals and the main forward step are primary, refusals are danger. */
export function actionType(action: string): 'primary' | 'danger' | 'warning' | 'default' {
  if (/_deny$|^reject$|^check_fail$|^void_request$/.test(action)) return 'danger';
  if (/_request$/.test(action)) return 'warning';
  if (/^(file|dispatch|sign|handle|close|check_pass|callback|.*_approve|send_verify)$/.test(action)) return 'primary';
  return 'default';
}
