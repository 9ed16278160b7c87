/** The time source of the scheduler and round logic; tests pass one they control. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};
