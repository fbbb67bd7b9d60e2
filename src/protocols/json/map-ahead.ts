// Keeps work running ahead of its consumer: the next items of a sequence are started while the
// current one is handed on (fetched, normalised on a worker...), and results come out strictly
// in order. Used where pages or batches are read ahead of the commit that takes them.

/**
 * Maps an async sequence with up to `depth` mappings in flight, yielding their results in the
 * sequence's order. A failure of the sequence is raised only after every result before it was
 * yielded; a failed mapping is raised when its turn comes. `start` is called in order, one item
 * at a time, so it may do ordered work before it returns its promise.
 */
export async function* mapAhead<T, U>(source: AsyncGenerator<T>, depth: number, start: (item: T) => Promise<U>): AsyncGenerator<U> {
  const queue: Promise<U>[] = [];
  let failure: { error: unknown } | undefined;
  let finished = false;
  try {
    for (;;) {
      while (!finished && failure === undefined && queue.length < depth) {
        let r: IteratorResult<T>;
        try {
          r = await source.next();
        } catch (error) {
          failure = { error };
          break;
        }
        if (r.done) {
          finished = true;
          break;
        }
        const out = start(r.value);
        out.catch(() => {}); // awaited in order below, or dropped with the sequence
        queue.push(out);
      }
      const head = queue.shift();
      if (head === undefined) break;
      yield await head;
    }
    if (failure !== undefined) throw failure.error;
  } finally {
    await source.return(undefined);
  }
}
