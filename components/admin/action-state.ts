/** What the admin pages' server actions answer, for the forms that show it. */
export type AdminActionState =
  | { status: 'idle' }
  | { status: 'done'; message: string }
  | { status: 'error'; message: string }
  /** An API token was created: its secret, shown this once. */
  | { status: 'token-created'; name: string; secret: string };

export type AdminAction = (previous: AdminActionState, formData: FormData) => Promise<AdminActionState>;
