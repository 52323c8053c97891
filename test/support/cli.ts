/** Runs the `kam` command line in-process and captures what it prints. */
import { main } from '../../cli/kam';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * @example
 * const { code, out } = await runKam(['top20', 'sales.csv', '--json']);
 */
export async function runKam(args: string[], tty = false): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    tty,
  });
  return { code, out, err };
}
