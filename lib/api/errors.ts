/**
 * Named errors of Baton's API and services, and the ONE map from error code to HTTP status.
 *
 * Contract
 * - Every error a client can see has a code from `ERROR_STATUS`; its status comes from that map
 *   and nowhere else. Services (lib/models, ...) throw these errors; route handlers never pick a
 *   status themselves — `route()` (lib/api/route.ts) turns any `AppError` into
 *   `{ error: { code, message, details } }` with the mapped status.
 * - The named classes only narrow which codes they accept (a `ConflictError` takes a 409 code),
 *   so a mismatch between class and status is a type error, not a runtime surprise.
 * - `details` is JSON (never secrets): the zod issues of a bad request, the findings of an
 *   unprocessable model, the current lock of a stale update.
 */
import type { JsonValue } from '@/lib/bpmn/model';

export const ERROR_STATUS = {
  /** The body, query or path parameters do not fit the endpoint's schema (details.issues). */
  'request.invalid': 400,
  /** The body is not parseable JSON (details.position when known). */
  'request.malformed-json': 400,
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'model.not-found': 404,
  'version.not-found': 404,
  'user.not-found': 404,
  'group.not-found': 404,
  'api-token.not-found': 404,
  /** The task does not exist, or the caller may not see it (the two are not told apart). */
  'task.not-found': 404,
  /** No process instance has this id (or it was deleted by retention). */
  'instance.not-found': 404,
  'incident.not-found': 404,
  /** The job does not exist: completed, cancelled with its scope, or never created. */
  'job.not-found': 404,
  /** No tool of the agent tool registry has this name. */
  'tool.not-found': 404,
  /** No LLM provider has this name. */
  'provider.not-found': 404,
  /** No published process has this key or BPMN process id. */
  'process.not-found': 404,
  /** A draft update named a lock that is no longer current (details.currentLock). */
  'model.lock-stale': 409,
  /** Another model already has this key (details.key, details.modelId). */
  'model.key-taken': 409,
  /** Two publishes raced for the same version number twice in a row; try again. */
  'model.publish-conflict': 409,
  /** Another user already has this e-mail. */
  'user.email-taken': 409,
  'group.name-taken': 409,
  'tool.name-taken': 409,
  /** The change would leave no active admin (or an admin deactivating themself). */
  'user.last-admin': 409,
  /** Someone else claimed the task first (details.assignee is not told). */
  'task.already-claimed': 409,
  /** The task is completed or cancelled: nothing more can be done with it. */
  'task.not-open': 409,
  /** The submitted form does not fit the task's form (details.fields: one message per field key). */
  'task.form-invalid': 400,
  /** The person to assign or delegate to is unknown, inactive, or not a candidate (details.reason). */
  'task.assignee-invalid': 422,
  /** No notification with this id for the caller. */
  'notification.not-found': 404,
  /** The engine refused the command in the instance's current state (details.reason: its code, e.g. INSTANCE_NOT_ACTIVE). */
  'command.rejected': 409,
  'request.too-large': 413,
  'request.unsupported-media-type': 415,
  /** The BPMN XML could not be imported: not well-formed or not BPMN (details.findings, with line). */
  'bpmn.import-failed': 422,
  /** The model cannot be published (details.findings). */
  'model.invalid': 422,
  /** The password does not meet the policy (length, not a default password). */
  'user.password-rejected': 422,
  /** Variables that are not JSON objects of allowed size (details.reason). */
  'command.invalid-variables': 422,
  'migration.invalid': 422,
  internal: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];
export type ErrorDetails = { [key: string]: JsonValue };

type CodeWithStatus<S extends number> = { [K in ErrorCode]: (typeof ERROR_STATUS)[K] extends S ? K : never }[ErrorCode];

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return statusOf(this.code);
  }
}

/** 400: the request itself is wrong (shape, types, syntax). */
export class BadRequestError extends AppError {
  constructor(code: CodeWithStatus<400>, message: string, details?: ErrorDetails) {
    super(code, message, details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in or send an API token.', details?: ErrorDetails) {
    super('auth.unauthenticated', message, details);
  }
}
export class ForbiddenError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('auth.forbidden', message, details);
  }
}
export class NotFoundError extends AppError {
  constructor(code: CodeWithStatus<404>, message: string, details?: ErrorDetails) {
    super(code, message, details);
  }
}
export class ConflictError extends AppError {
  constructor(code: CodeWithStatus<409>, message: string, details?: ErrorDetails) {
    super(code, message, details);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('request.too-large', `The request body is larger than ${formatBytes(limitBytes)}.`, { limitBytes });
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(received: string | null, accepted: readonly string[]) {
    super(
      'request.unsupported-media-type',
      `Content-Type ${received ? `"${received}"` : '(none)'} is not accepted here; send ${accepted.join(' or ')}.`,
      { received, accepted: [...accepted] },
    );
  }
}
/** 422: the request is well-formed but its BPMN content cannot be imported or published. */
export class UnprocessableError extends AppError {
  constructor(code: CodeWithStatus<422>, message: string, details?: ErrorDetails) {
    super(code, message, details);
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; details: ErrorDetails } };

/**
 * The response for any thrown value: an `AppError` as itself, anything else as a 500 that
 * reveals nothing (the caller logs the original).
 */
export function errorResponse(error: unknown): Response {
  const appError = error instanceof AppError ? error : new AppError('internal', 'Something went wrong on our side.');
  const body: ErrorBody = { error: { code: appError.code, message: appError.message, details: appError.details } };
  return Response.json(body, { status: appError.status });
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
