// A sparse mixed-integer program in plain arrays, written out for each exact solver we compare against.
export interface MipCol {
  readonly name: string;
  readonly cost: number;
  readonly lower: number;
  readonly upper: number;
  readonly integer: boolean;
}

export interface MipRow {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly terms: readonly (readonly [col: number, coef: number])[];
}

export class Mip {
  readonly cols: MipCol[] = [];
  readonly rows: MipRow[] = [];

  col(name: string, cost: number, lower: number, upper: number, integer: boolean): number {
    this.cols.push({ name, cost, lower, upper, integer });
    return this.cols.length - 1;
  }

  row(name: string, terms: readonly (readonly [number, number])[], lower: number, upper: number): void {
    if (terms.length > 0) this.rows.push({ name, lower, upper, terms });
  }

  /** Objective of a column assignment; used to check what a solver returns instead of trusting it. */
  objective(values: ArrayLike<number>): number {
    let sum = 0;
    this.cols.forEach((c, i) => (sum += c.cost * values[i]));
    return sum;
  }

  /** Largest violation of any row or bound by a column assignment. */
  violation(values: ArrayLike<number>): number {
    let worst = 0;
    this.cols.forEach((c, i) => {
      worst = Math.max(worst, c.lower - values[i], values[i] - c.upper);
      if (c.integer) worst = Math.max(worst, Math.abs(values[i] - Math.round(values[i])));
    });
    for (const r of this.rows) {
      let a = 0;
      for (const [j, coef] of r.terms) a += coef * values[j];
      worst = Math.max(worst, r.lower - a, a - r.upper);
    }
    return worst;
  }

  /** Rows in compressed sparse row form, columns in index order: the layout HiGHS takes without renaming. */
  toCsr(): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
    const starts = new Int32Array(this.rows.length + 1);
    this.rows.forEach((r, i) => (starts[i + 1] = starts[i] + r.terms.length));
    const indices = new Int32Array(starts[this.rows.length]);
    const values = new Float64Array(starts[this.rows.length]);
    let k = 0;
    for (const r of this.rows) {
      for (const [j, coef] of r.terms) {
        indices[k] = j;
        values[k++] = coef;
      }
    }
    return { starts, indices, values };
  }
}

/**
 * A patient's weekly hours ceiling as a row bound. "Under 9 h" must stay under by more than a solver's feasibility
 * tolerance: half a minute, below any slot length.
 */
export function bandCeiling(patient: { readonly maxHours: number; readonly maxExclusive: boolean }): number {
  return patient.maxExclusive ? patient.maxHours - 1 / 120 : patient.maxHours;
}
