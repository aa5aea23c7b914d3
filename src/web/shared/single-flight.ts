/**
 * A click handler that runs once at a time: a second click while the first request is still out gets the same
 * promise instead of sending the request again (a double click on 开始导入 started the import, then showed the
 * second request's refusal in red although the import ran).
 */
export function singleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= fn().finally(() => { pending = null; });
    return pending;
  };
}
