// The phone app's API instance (its own token storage key; shares the typed client with the console).
import { createApi } from '@api/client';

export const api = createApi({ storageKey: 'xiuhua.m.tokens' });
