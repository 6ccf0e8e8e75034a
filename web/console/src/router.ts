// History-mode routes; every workbench is its own lazy chunk (route-level dynamic imports).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

import { homeOf } from './menu';
import { useSession } from './stores/session';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/login/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./components/AppShell.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./views/home/NotFound.vue') },
      { path: 'map', name: 'map', component: () => import('./views/map/MapView.vue'), meta: { full: true } },
      { path: 'centre/:tab?', name: 'centre', component: () => import('./views/centre/CentreView.vue') },
      { path: 'unit', name: 'unit', component: () => import('./views/unit/UnitView.vue') },
      { path: 'hotline/:tab?', name: 'hotline', component: () => import('./views/hotline/HotlineView.vue') },
      { path: 'cases', name: 'cases', component: () => import('./views/cases/SearchView.vue') },
      { path: 'case/:id(\\d+)', name: 'case', component: () => import('./views/case/CaseView.vue') },
      { path: 'command-map', name: 'command-map', component: () => import('./views/map/CommandMap.vue') },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/dashboard/DashboardView.vue') },
      { path: 'admin', name: 'admin', component: () => import('./views/admin/AdminView.vue') },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('./views/home/NotFound.vue') },
    ],
  },
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
  // `/` is the user's own workbench
  if (to.name === 'home') return { path: homeOf(session.role), replace: true };
  return true;
});

window.addEventListener('xiuhua:session-end', () => {
  const here = router.currentRoute.value;
  if (!here.meta.public) void router.replace({ name: 'login', query: { next: here.fullPath } });
});
