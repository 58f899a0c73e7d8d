/**
 * Colour never when NO_COLOR is set (it wins over FORCE_COLOR: a reader who asked for no colour
 * keeps it), otherwise always when FORCE_COLOR is set (except to 0 or false), otherwise only on a
 * real terminal. An empty variable counts as unset, as both conventions say.
 */
export function wantsColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force) return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}
