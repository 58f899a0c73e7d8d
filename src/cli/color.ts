/**
 * Colour when FORCE_COLOR is set (except to 0 or false), never when NO_COLOR is set, otherwise
 * only on a real terminal. An empty variable counts as unset, as both conventions say.
 */
export function wantsColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY && env.TERM !== 'dumb';
}
