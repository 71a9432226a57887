// Each patient's terms (terms.ts) at their weights, summed per tier, kept as a unit the state reports changes to. A
// move touches a patient several times (out of one group, into another) and most moves are rolled back: a changed
// patient is re-scored once, when the score is asked, and a rollback puts back what they cost at their first change
// instead of scoring them again.
import { OBJECTIVE_TERMS, type Weights } from "../domain/index.js";
import type { Model } from "./model.js";
import { PATIENT_TERM_IDS, type PatientView, patientTermsInto } from "./terms.js";

/** Tier index of each patient term: 0 medium, 1 served, 2 soft. */
const PATIENT_TIER = PATIENT_TERM_IDS.map((id) => ["medium", "served", "soft"].indexOf(OBJECTIVE_TERMS[id].tier));
// Scratch for one patient's terms and cost per tier: a patient is re-scored on every change the search judges.
const termValues = new Float64Array(PATIENT_TERM_IDS.length);
const tierCost = new Float64Array(3);
/** What is saved of a patient at their first change in a move: p, the three tier costs, their broken pins. */
const SAVED = 5;

export class PatientCosts {
  /** Each tier's cost summed over the patients: medium, served, soft. */
  readonly sum = new Float64Array(3);
  /** Pinned group times the patients are not in (the hard tier). */
  pinsBroken = 0;
  private readonly cost: Float64Array;
  private readonly pins: Int32Array;
  private readonly weight: Float64Array;
  private readonly dirty: number[] = [];
  private dirtyCount = 0;
  private readonly isDirty: Uint8Array;
  private readonly saved: number[] = [];
  private savedCount = 0;
  private readonly isSaved: Uint8Array;

  constructor(
    private readonly model: Model,
    weights: Weights,
  ) {
    const P = model.patients.length;
    this.weight = Float64Array.from(PATIENT_TERM_IDS, (id) => weights[id]);
    this.cost = new Float64Array(P * 3);
    this.pins = new Int32Array(P);
    this.isDirty = new Uint8Array(P);
    this.isSaved = new Uint8Array(P);
  }

  /** Patient p's medium-tier cost (hours and billable days short), as of the last flush. */
  medium(p: number): number {
    return this.cost[p * 3];
  }

  /** Patient p's week changed; inside a move (`logging`), what they cost before it is kept first. */
  touch(p: number, logging: boolean): void {
    if (logging && !this.isSaved[p]) {
      this.isSaved[p] = 1;
      const i = this.savedCount;
      this.saved[i] = p;
      for (let tier = 0; tier < 3; tier++) this.saved[i + 1 + tier] = this.cost[p * 3 + tier];
      this.saved[i + 4] = this.pins[p];
      this.savedCount = i + SAVED;
    }
    if (this.isDirty[p]) return;
    this.isDirty[p] = 1;
    this.dirty[this.dirtyCount++] = p;
  }

  /** Re-score every patient changed since the last flush. */
  flush(view: PatientView): void {
    for (let i = 0; i < this.dirtyCount; i++) {
      const p = this.dirty[i];
      this.isDirty[p] = 0;
      this.refresh(view, p);
    }
    this.dirtyCount = 0;
  }

  refresh(view: PatientView, p: number): void {
    const pinned = this.model.patients[p].pinnedSlots;
    if (pinned.length > 0) {
      let broken = 0;
      for (const s of pinned) if (!view.pGroups[p].some((g) => view.groups[g].slot === s)) broken++;
      this.pinsBroken += broken - this.pins[p];
      this.pins[p] = broken;
    }
    patientTermsInto(this.model, view, p, termValues);
    tierCost.fill(0);
    for (let i = 0; i < termValues.length; i++) tierCost[PATIENT_TIER[i]] += this.weight[i] * termValues[i];
    for (let tier = 0; tier < 3; tier++) {
      this.sum[tier] += tierCost[tier] - this.cost[p * 3 + tier];
      this.cost[p * 3 + tier] = tierCost[tier];
    }
  }

  /** The move is kept: what was saved is not needed. */
  forgetSaved(): void {
    for (let i = 0; i < this.savedCount; i += SAVED) this.isSaved[this.saved[i]] = 0;
    this.savedCount = 0;
  }

  /** The move was undone: every patient it changed is back as before it, and costs what was saved. */
  rollback(): void {
    const { saved, cost } = this;
    for (let i = 0; i < this.savedCount; i += SAVED) {
      const p = saved[i];
      for (let tier = 0; tier < 3; tier++) {
        this.sum[tier] += saved[i + 1 + tier] - cost[p * 3 + tier];
        cost[p * 3 + tier] = saved[i + 1 + tier];
      }
      this.pinsBroken += saved[i + 4] - this.pins[p];
      this.pins[p] = saved[i + 4];
      this.isSaved[p] = 0;
    }
    this.savedCount = 0;
    for (let i = 0; i < this.dirtyCount; i++) this.isDirty[this.dirty[i]] = 0;
    this.dirtyCount = 0;
  }
}
