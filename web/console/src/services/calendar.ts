// 工作日历: a year's days, loading a year's schedule (admins), provisional running cases.
import { unwrap } from '@api/client';
import type { components } from '@api/schema';

import { http } from '../api';

type S = components['schemas'];
export type CalendarSummary = S['CalendarSummary'];
export type CalendarYear = S['YearRead'];
export type CalendarDay = S['DayRead'];
export type ScheduleIn = S['ScheduleIn'];
export type ProvisionalPage = S['ProvisionalPage'];

export const calendarSummary = () => unwrap(http.GET('/api/v1/calendar'));
export const calendarYear = (year: number) =>
  unwrap(http.GET('/api/v1/calendar/{year}', { params: { path: { year } } }));
export const provisionalCases = () =>
  unwrap(http.GET('/api/v1/calendar/provisional-cases', { params: { query: { limit: 200 } } }));
export const loadYear = (year: number, body: ScheduleIn) =>
  unwrap(http.PUT('/api/v1/admin/calendar/{year}', { params: { path: { year } }, body }));
