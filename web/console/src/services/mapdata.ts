// 一张图 data: open case points, map settings, locate/route for a clicked cell, and the live feed.
import { unwrap } from '@api/client';

import { api, http } from '../api';

export interface CaseProps {
  id: number;
  case_no: string;
  status: string;
  status_label: string;
  source: string;
  source_label: string;
  category: string;
  category_name: string;
  grid_code: string | null;
  address_text: string | null;
  unit_id: number | null;
  unit_name: string | null;
  light: 'red' | 'yellow' | 'green';
  light_label: string;
  reported_at: string;
}
export interface CasePoints {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: CaseProps }[];
  truncated: boolean;
  limit: number;
}
export interface MapSettings {
  base_tile_url: string | null;
  statuses: { value: string; label: string }[];
  sources: { value: string; label: string }[];
}
export interface CaseFilters {
  category?: string[];
  status?: string[];
  source?: string[];
  unit?: string[];
}

export async function casePoints(f: CaseFilters): Promise<CasePoints> {
  return (await unwrap(http.GET('/api/v1/map/cases', { params: { query: f as never } }))) as unknown as CasePoints;
}
export async function mapSettings(): Promise<MapSettings> {
  return (await unwrap(http.GET('/api/v1/map/settings'))) as unknown as MapSettings;
}
/** The whole enabled catalogue (the endpoint's largest page) for pickers and filters. */
export async function categoryList(): Promise<{ ref: string; kind: string; name: string; major_name: string }[]> {
  return (await unwrap(http.GET('/api/v1/categories', { params: { query: { limit: 500 } } }))) as unknown as { ref: string; kind: string; name: string; major_name: string }[];
}

export type Locate = Record<string, unknown> & {
  grid_code: string; mgmt_class: string; community_name: string; community_code: string;
  street_name: string; street_code: string; district_name: string; district_code: string;
  frontage: { holder_name: string; holder_contact?: string | null; holder_phone?: string | null; address?: string | null }[];
  nearest_address: { full_text: string; distance_m: number } | null;
};
export type RouteAnswer = Record<string, unknown> & {
  unit: { name: string; code: string; kind: string; contact_phone?: string | null };
  decided_by: string; reason: string;
  rule: { id: number; role: string; area_scope: string; area_code: string | null; category_scope: string; priority: number } | null;
  category: { kind: string; code: string; name: string };
};

export async function locate(lon: number, lat: number): Promise<Locate> {
  return (await unwrap(http.GET('/api/v1/locate', { params: { query: { lon, lat } as never } }))) as unknown as Locate;
}
export async function routeFor(lon: number, lat: number, category: string): Promise<RouteAnswer> {
  return (await unwrap(http.GET('/api/v1/route', { params: { query: { lon, lat, category } as never } }))) as unknown as RouteAnswer;
}

export interface LiveEvent {
  case_id: number;
  case_no: string;
  action: string;
  action_label: string;
  from_status: string | null;
  to_status: string | null;
  at: string;
}

/**
 * Follow GET /api/v1/live/events (SSE read with fetch, so the bearer token goes along; the typed
 * client's refresh applies). Resumes with Last-Event-ID after a drop. Returns the stop function.
 */
export function followLive(onEvent: (e: LiveEvent) => void, onState: (s: 'connecting' | 'open' | 'error', msg?: string) => void): () => void {
  let stopped = false;
  let lastId: string | null = null;
  let controller: AbortController | null = null;

  function frames(buffer: string): string {
    const parts = buffer.split('\n\n');
    const tail = parts.pop() ?? '';
    for (const block of parts) {
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const i = line.indexOf(':');
        const field = i < 0 ? line : line.slice(0, i);
        const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (event === 'case_event' && data.length) {
        try {
          onEvent(JSON.parse(data.join('\n')) as LiveEvent);
        } catch {
          /* a malformed frame is skipped */
        }
        if (id) lastId = id;
      }
    }
    return tail;
  }

  (async () => {
    while (!stopped) {
      controller = new AbortController();
      onState('connecting');
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        if (lastId) headers['Last-Event-ID'] = lastId;
        const res = await api.raw('/api/v1/live/events', { headers, signal: controller.signal });
        if (!res.body) throw new Error('事件流不可用');
        onState('open');
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = frames(buffer + decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n'));
        }
      } catch (err) {
        if (stopped) return;
        onState('error', err instanceof Error ? err.message : String(err));
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
  })();

  return () => {
    stopped = true;
    controller?.abort();
  };
}
