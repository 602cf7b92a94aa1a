import { describe, expect, it } from 'vitest';
import {
  AppError,
  BadRequestError,
  ConflictError,
  ERROR_STATUS,
  errorResponse,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnprocessableError,
  UnsupportedMediaTypeError,
} from '@/lib/api/errors';

describe('error codes → HTTP status', () => {
  it('maps each kind of error to its status through the one map', () => {
    const cases: [AppError, number][] = [
      [new BadRequestError('request.invalid', 'x'), 400],
      [new UnauthorizedError(), 401],
      [new ForbiddenError('x'), 403],
      [new NotFoundError('model.not-found', 'x'), 404],
      [new ConflictError('model.lock-stale', 'x', { currentLock: 3 }), 409],
      [new PayloadTooLargeError(1024), 413],
      [new UnsupportedMediaTypeError('text/plain', ['application/json']), 415],
      [new UnprocessableError('model.invalid', 'x'), 422],
    ];
    for (const [error, status] of cases) {
      expect(error.status, error.code).toBe(status);
      expect(ERROR_STATUS[error.code]).toBe(status);
    }
  });

  it('given an AppError, then the response is { error: { code, message, details } } with its status', async () => {
    const response = errorResponse(new ConflictError('model.lock-stale', 'stale', { currentLock: 3 }));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: 'model.lock-stale', message: 'stale', details: { currentLock: 3 } } });
  });

  it('given any other error, then it is a 500 that reveals nothing', async () => {
    const response = errorResponse(new Error('password=hunter2 at db.internal'));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('names the limit of a 413 in words', () => {
    expect(new PayloadTooLargeError(5 * 1024 * 1024).message).toContain('5 MiB');
  });
});
