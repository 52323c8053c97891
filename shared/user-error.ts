/**
 * An error the user can fix (missing column, unreadable file, empty table). Hosts show its message
 * as it is — never a stack trace.
 *
 * @example
 * throw new UserError('The sales table has no rows.');
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
