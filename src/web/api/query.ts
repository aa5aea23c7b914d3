import { QueryClient, useMutation, useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';
import { ApiError } from './client.js';

/**
 * One query cache per entry (console, public site). An answer stays fresh for 5 s, so a burst of mounts (StrictMode,
 * a tab switch, a count and its list asking the same) makes one request; a screen opened later shows the cached
 * answer at once and reloads it behind. Window focus refetches nothing: live screens are refreshed by server-sent
 * events instead. Only a network failure is retried: a 4xx or 5xx answer is the server's word.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        retry: (failures, err) => err instanceof ApiError && err.status === 0 && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * A write that, once it succeeded, marks the queries under each of `invalidate` stale and waits for the ones on
 * screen to reload, so the caller's success message appears next to current data.
 */
export function useApiMutation<TVars = void, TData = unknown>(
  fn: (vars: TVars) => Promise<TData>,
  invalidate: QueryKey[],
): UseMutationResult<TData, Error, TVars> {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(invalidate.map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}
