// Formatting helpers (display only).
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function categoryText(c: { kind: string; code: string; name: string } | null | undefined): string {
  return c ? `${c.name}（${c.kind}:${c.code}）` : '—';
}
