// Maximum flow (Dinic) on real capacities: the counting arguments of the unmet-hours bound are flows of hours.
export class FlowNetwork {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];

  constructor(readonly size: number) {
    this.head = new Array<number>(size).fill(-1);
  }

  addNode(): number {
    this.head.push(-1);
    return this.head.length - 1;
  }

  /** An edge and its residual twin, at indices e and e ^ 1. */
  edge(from: number, to: number, capacity: number): void {
    if (capacity <= 0) return;
    this.half(from, to, capacity);
    this.half(to, from, 0);
  }

  private half(from: number, to: number, capacity: number): void {
    this.to.push(to);
    this.cap.push(capacity);
    this.next.push(this.head[from]);
    this.head[from] = this.to.length - 1;
  }

  maxFlow(source: number, sink: number): number {
    const EPS = 1e-9;
    const n = this.head.length;
    let total = 0;
    for (;;) {
      const level = new Int32Array(n).fill(-1);
      level[source] = 0;
      const queue = [source];
      for (let i = 0; i < queue.length; i++) {
        for (let e = this.head[queue[i]]; e >= 0; e = this.next[e]) {
          if (this.cap[e] > EPS && level[this.to[e]] < 0) {
            level[this.to[e]] = level[queue[i]] + 1;
            queue.push(this.to[e]);
          }
        }
      }
      if (level[sink] < 0) return total;
      const iter = this.head.slice();
      const push = (v: number, limit: number): number => {
        if (v === sink) return limit;
        for (; iter[v] >= 0; iter[v] = this.next[iter[v]]) {
          const e = iter[v];
          const w = this.to[e];
          if (this.cap[e] <= EPS || level[w] !== level[v] + 1) continue;
          const pushed = push(w, Math.min(limit, this.cap[e]));
          if (pushed > EPS) {
            this.cap[e] -= pushed;
            this.cap[e ^ 1] += pushed;
            return pushed;
          }
        }
        return 0;
      };
      for (let f = push(source, Infinity); f > EPS; f = push(source, Infinity)) total += f;
    }
  }
}
