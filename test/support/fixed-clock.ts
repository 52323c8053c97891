/** A fixed clock for bundles run in a vm context, so results that read "now" are comparable. */
import vm from 'node:vm';
import { dateFromDateObject } from '../../shared/ingest/dates';

/** 2026-11-26 12:00 local time, in ms. */
export const FIXED_TIME = new Date(2026, 10, 26, 12, 0).getTime();

/** The fixed clock as the core's `now` (epoch days, local wall-clock time). */
export const fixedNow = (): number => dateFromDateObject(new Date(FIXED_TIME));

/** Replaces the context's Date so `new Date()` and `Date.now()` give FIXED_TIME. */
export function fixClock(context: vm.Context): void {
  vm.runInContext(
    `(() => {
      const D = Date;
      class FixedDate extends D {
        constructor(...a) { if (a.length === 0) super(${FIXED_TIME}); else super(...a); }
        static now() { return ${FIXED_TIME}; }
      }
      globalThis.Date = FixedDate;
    })();`,
    context,
  );
}
