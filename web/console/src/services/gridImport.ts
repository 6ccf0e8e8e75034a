// 网格数据导入: upload (multipart), the job's progress and outcome, apply a dry run, history.
import { unwrap } from '@api/client';
import type { components } from '@api/schema';

import { api, http } from '../api';

export type ImportJob = components['schemas']['ImportJobOut'];

export const LAYERS = [
  { value: 'cell', label: '单元网格' },
  { value: 'community', label: '社区' },
  { value: 'street', label: '街道' },
  { value: 'district', label: '区县' },
  { value: 'component', label: '部件' },
  { value: 'address', label: '标准地址' },
  { value: 'frontage', label: '门前三包' },
  { value: 'unit-rule', label: '责任单位与规则' },
];
export const COORD_SYSTEMS = [
  { value: 'wgs84', label: 'WGS-84' },
  { value: 'cgcs2000', label: 'CGCS2000' },
  { value: 'gcj02', label: 'GCJ-02（国测局）' },
  { value: 'bd09', label: 'BD-09（百度）' },
];
export const REPLACES = [
  { value: 'communities', label: '只替换文件中的社区' },
  { value: 'streets', label: '替换文件涉及的街道' },
  { value: 'district', label: '替换整个区县' },
];
export const STATUS_LABELS: Record<string, string> = {
  queued: '排队中', running: '进行中', succeeded: '完成', refused: '被拒绝（未写入）', failed: '意外中止（未写入）',
};

export interface UploadOptions {
  layer: string;
  dry_run: boolean;
  source_layer?: string;
  fields?: string[];
  coord_sys?: string;
  encoding?: string;
  repair?: boolean;
  valid_from?: string;
  tolerance_m2?: number | null;
  allow_topology_errors?: boolean;
  replace?: string;
  confirm?: boolean;
  district?: string;
}

/** POST the file with the options the API takes; answers 202 with the job. */
export async function uploadImport(file: File, o: UploadOptions): Promise<ImportJob> {
  const form = new FormData();
  form.append('file', file);
  form.append('layer', o.layer);
  form.append('dry_run', String(o.dry_run));
  const text = (k: string, v: string | undefined) => v && v.trim() && form.append(k, v.trim());
  text('source_layer', o.source_layer);
  for (const f of o.fields ?? []) text('field', f);
  text('coord_sys', o.coord_sys);
  text('encoding', o.encoding);
  text('valid_from', o.valid_from);
  text('district', o.district);
  if (o.tolerance_m2 !== undefined && o.tolerance_m2 !== null) form.append('tolerance_m2', String(o.tolerance_m2));
  form.append('repair', String(!!o.repair));
  form.append('allow_topology_errors', String(!!o.allow_topology_errors));
  form.append('replace', o.replace || 'communities');
  form.append('confirm', String(!!o.confirm));
  const res = await api.raw('/api/v1/admin/grid/imports', { method: 'POST', body: form });
  return (await res.json()) as ImportJob;
}

export const getImport = (id: number) =>
  unwrap(http.GET('/api/v1/admin/grid/imports/{job_id}', { params: { path: { job_id: id } } }));
export const listImports = () => unwrap(http.GET('/api/v1/admin/grid/imports', { params: { query: { limit: 50 } } }));
export const applyImport = (id: number, confirm: boolean) =>
  unwrap(http.POST('/api/v1/admin/grid/imports/{job_id}/apply', { params: { path: { job_id: id } }, body: { confirm } }));

/** Download a job's problem report (GeoJSON) with the bearer token. */
export async function downloadReport(id: number): Promise<void> {
  const res = await api.raw(`/api/v1/admin/grid/imports/${id}/report.geojson`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `import-${id}-problems.geojson`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
