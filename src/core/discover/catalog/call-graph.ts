/**
 * The calls between services as a graph: the longest chain of calls, and the cycles in it. Shared
 * by any source that knows who calls whom.
 */

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = <T extends string>(xs: Iterable<T>): T[] => [...xs].sort(byText);

/**
 * The longest chain of calls, in hops, with the calls that close a cycle left out: a depth-first
 * walk from each service in order, neighbours in order, drops each call back to a service still on
 * its path. What it drops, the cycles (each group of services that call one another, once), and
 * the chain itself come back for the notes.
 */
export function longestChain(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): { depth: number; chain: string[]; dropped: [string, string][]; cycles: string[][] } {
  const order = sorted(new Set(nodes));
  const known = new Set(order);
  // A call to something that is not a node (a service outside the inputs) is no hop here.
  const callees = new Map(order.map((n) => [n, sorted(new Set(edges.get(n) ?? [])).filter((to) => known.has(to))]));
  const next = (n: string) => callees.get(n)!;
  // Depth-first, without recursion: a catalog of thousands of services must not overflow the stack.
  const state = new Map<string, 'open' | 'done'>();
  const kept = new Map<string, string[]>(order.map((n) => [n, []]));
  const dropped: [string, string][] = [];
  const postorder: string[] = [];
  for (const root of order) {
    if (state.has(root)) continue;
    const stack: { node: string; todo: string[]; at: number }[] = [{ node: root, todo: next(root), at: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const to = top.todo[top.at++];
      if (to === undefined) {
        state.set(top.node, 'done');
        postorder.push(top.node);
        stack.pop();
        continue;
      }
      const s = state.get(to);
      if (s === 'open') dropped.push([top.node, to]);
      else {
        kept.get(top.node)!.push(to);
        if (s === undefined) {
          state.set(to, 'open');
          stack.push({ node: to, todo: next(to), at: 0 });
        }
      }
    }
  }
  // Longest path on what is left, which has no cycle: children before parents in postorder.
  const depth = new Map<string, number>();
  const via = new Map<string, string>();
  for (const n of postorder) {
    let best = 0;
    for (const to of kept.get(n)!) {
      const d = depth.get(to)! + 1;
      if (d > best) {
        best = d;
        via.set(n, to);
      }
    }
    depth.set(n, best);
  }
  let start = order[0];
  for (const n of order) if ((depth.get(n) ?? 0) > (depth.get(start!) ?? 0)) start = n;
  const chain: string[] = [];
  for (let n = start; n !== undefined; n = via.get(n)) chain.push(n);
  return { depth: start === undefined ? 0 : depth.get(start)!, chain: start === undefined ? [] : chain, dropped, cycles: cyclesOf(order, next) };
}

/** The groups of services that call one another (strongly connected, or calling itself), each sorted, in order. */
function cyclesOf(order: readonly string[], next: (n: string) => string[]): string[][] {
  // Tarjan's algorithm, iterative.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const root of order) {
    if (index.has(root)) continue;
    const work: { node: string; todo: string[]; at: number }[] = [];
    const enter = (n: string) => {
      index.set(n, counter);
      low.set(n, counter++);
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, todo: next(n), at: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const to = top.todo[top.at++];
      if (to !== undefined) {
        if (!index.has(to)) enter(to);
        else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const group: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          group.push(n);
        } while (n !== top.node);
        const selfCall = next(top.node).includes(top.node);
        if (group.length > 1 || selfCall) groups.push(sorted(group));
      }
    }
  }
  return groups.sort((a, b) => byText(a[0]!, b[0]!));
}
