// History-mode routes; every workbench is its own lazy chunk (route-level dynamic imports).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

import { useSession } from './stores/session';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/login/LoginView.vue'), meta: { public: true } },
  { path: '/map', name: 'map', component: () => import('./views/map/MapView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./components/AppShell.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./views/home/HomeView.vue') },
      { path: 'command-map', name: 'command-map', component: () => import('./views/map/CommandMap.vue'), meta: { roles: ['operator', 'shift_leader', 'dispatcher', 'leader', 'admin', 'hotline_agent', 'unit_handler'] } },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/dashboard/DashboardView.vue'), meta: { roles: ['leader', 'admin', 'shift_leader', 'dispatcher', 'operator'] } },
      { path: 'admin', name: 'admin', component: () => import('./views/admin/AdminView.vue'), meta: { roles: ['admin'] } },
    ],
  },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/home/NotFound.vue'), meta: { public: true } },
];

export const router = createRouter({ history: createWebHistory('/'), routes });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const session = useSession();
  if (!session.loggedIn) return { name: 'login', query: { next: to.fullPath } };
  try {
    await session.load();
  } catch {
    return { name: 'login', query: { next: to.fullPath } };
  }
  return true;
});

window.addEventListener('xiuhua:session-end', () => {
  const here = router.currentRoute.value;
  if (!here.meta.public) void router.replace({ name: 'login', query: { next: here.fullPath } });
});
