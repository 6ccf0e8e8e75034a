// API errors: the service answers every failure as {error, code, message, detail}; `message` is
// Chinese and `code` is stable. Screens show both (never a blank failure).

export interface ErrorBody {
  error?: string;
  code?: string;
  message?: string;
  detail?: unknown;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: unknown;

  constructor(message: string, code: string, status: number, detail?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.detail = detail;
  }
}

/** Turn an error answer into an ApiError (the server's Chinese message, or a fallback). */
export function toApiError(status: number, body: unknown): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as ErrorBody;
  if (typeof b.message === 'string' && b.message) {
    return new ApiError(b.message, b.code || b.error || `http_${status}`, status, b.detail);
  }
  // FastAPI's own 422 shape, in case a route answers it unmapped.
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (Array.isArray(detail) && detail.length) {
    const msgs = detail.map((d: { msg?: string; loc?: unknown[] }) =>
      `${(d.loc || []).slice(1).join('.')}：${d.msg ?? ''}`,
    );
    return new ApiError(`请求参数有误：${msgs.join('；')}`, 'validation_error', status, detail);
  }
  return new ApiError(`请求失败（HTTP ${status}）`, `http_${status}`, status, body);
}

export const networkError = () => new ApiError('网络错误：无法连接绣花服务', 'network_error', 0);

/** A short text for any thrown value: "中文说明（code）". */
export function describeError(err: unknown): { message: string; code: string } {
  if (err instanceof ApiError) return { message: err.message, code: err.code };
  if (err instanceof Error) return { message: err.message, code: 'client_error' };
  return { message: String(err), code: 'client_error' };
}
