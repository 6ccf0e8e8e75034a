// Which workbenches each role sees (the API decides what each may do; this only arranges menus).
export interface MenuItem { name: string; path: string; label: string; roles: string[] }

const CENTRE = ['operator', 'shift_leader', 'dispatcher'];

export const MENU: MenuItem[] = [
  { name: 'centre', path: '/centre', label: 'menu.centre', roles: [...CENTRE, 'leader'] },
  { name: 'cases', path: '/cases', label: 'menu.cases', roles: [...CENTRE, 'leader', 'admin'] },
  { name: 'unit', path: '/unit', label: 'menu.unit', roles: ['unit_handler'] },
  { name: 'hotline', path: '/hotline', label: 'menu.hotline', roles: ['hotline_agent'] },
  { name: 'dashboard', path: '/dashboard', label: 'menu.dashboard', roles: ['leader', 'admin', ...CENTRE] },
  { name: 'command-map', path: '/command-map', label: 'menu.map', roles: [...CENTRE, 'unit_handler', 'hotline_agent', 'leader', 'admin'] },
  { name: 'map', path: '/map', label: 'menu.grid', roles: [...CENTRE, 'unit_handler', 'hotline_agent', 'leader', 'admin', 'inspector'] },
  { name: 'admin', path: '/admin', label: 'menu.admin', roles: ['admin'] },
];

export function menuFor(role: string | null): MenuItem[] {
  return MENU.filter((m) => role !== null && m.roles.includes(role));
}

// Where a role lands when its first menu entry is not its own desk.
const HOME: Record<string, string> = { leader: '/dashboard', admin: '/dashboard' };

/** The workbench a role lands on after login. */
export function homeOf(role: string | null): string {
  return (role && HOME[role]) || (menuFor(role)[0]?.path ?? '/map');
}
