import { unwrap } from '@api/client';

import { http } from '../api';

export interface Me {
  id: number;
  username: string;
  display_name: string | null;
  role: string;
  role_label: string;
  unit_id: number | null;
  districts: string[];
}

export async function fetchMe(): Promise<Me> {
  return (await unwrap(http.GET('/api/v1/auth/me'))) as unknown as Me;
}
