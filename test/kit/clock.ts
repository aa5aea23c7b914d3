/** A clock tests move by hand. */
export class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advanceHours(h: number): void {
    this.current = new Date(this.current.getTime() + h * 3_600_000);
  }
  advanceDays(d: number): void {
    this.advanceHours(d * 24);
  }
}
