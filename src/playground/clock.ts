/** The playground's clock: real time plus an offset that time travel moves forward (and reset puts back). */
export class MovableClock {
  private offsetMs = 0;

  now = (): Date => new Date(this.nowMs());
  nowMs = (): number => Date.now() + this.offsetMs;

  /** Moves the clock to an instant (never backwards). */
  set(at: Date): void {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - Date.now());
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
