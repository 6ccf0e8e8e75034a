// Which columns of the district indicator table the KPI cards show, with their labels from the
// table itself (the server's words); the two on-time rates stand side by side.
export const KPI_KEYS = [
  'cases',
  'filed',
  'closed',
  'close_rate',
  'handle_on_time_rate',
  'handle_on_time_rate_closed',
  'rework_rate',
  'close_on_time_rate',
  'satisfaction_rate',
] as const;

// 三率 (12345): from the district row when present (satisfaction), and the hotline table's columns.
export const HOTLINE_KEYS = ['response_rate', 'resolve_rate', 'satisfaction_rate'] as const;

// The stage funnel 受理→立案→派遣→处置→结案 (counts of the district row).
export const FUNNEL: { key: string; stage: string }[] = [
  { key: 'cases', stage: '受理（上报）' },
  { key: 'filed', stage: '立案' },
  { key: 'dispatched', stage: '派遣' },
  { key: 'handled', stage: '处置' },
  { key: 'closed', stage: '结案' },
];

/** The kind of a category row: its name carries the category reference, e.g. 暴露垃圾（event:06010）. */
export function categoryKind(name: string): 'event' | 'component' | null {
  const m = /（(event|component):/.exec(name);
  return m ? (m[1] as 'event' | 'component') : null;
}
