/**
 * In-process notifications between services ("changes", so as not to be
 * confused with events, the domain's word): a change to an event, its
 * sign-ups or a chat's settings lets the card refresher, the reminder planner
 * and the notifier react without the services knowing each other.
 */
export interface Changes {
  /** `userId` when one member's own sign-up changed (a tap), absent when the event's list changed as a whole */
  signupsChanged: { eventId: number; userId?: bigint };
  eventChanged: { eventId: number; timeChanged: boolean };
  /** `quiet`: one of several occurrences cancelled together, whose people are told once for all (notifier.ts) */
  eventCancelled: { eventId: number; quiet?: boolean };
  promoted: { eventId: number; userId: bigint; chatId: bigint | null };
  /** a group changed its reminder offsets or switched them (`reminders`), or its daily summary (`summary`) */
  chatSettingsChanged: { chatId: bigint; reminders: boolean; summary: boolean };
  /** a member chose when they want their own reminders (or none) */
  memberRemindersChanged: { userId: bigint };
}

type Listener<T> = (payload: T) => void | Promise<void>;

export class ChangeFeed {
  private readonly listeners = new Map<keyof Changes, Listener<never>[]>();
  private readonly onError: (error: unknown, name: string) => void;

  constructor(onError: (error: unknown, name: string) => void) {
    this.onError = onError;
  }

  on<K extends keyof Changes>(name: K, listener: Listener<Changes[K]>): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener as Listener<never>]);
  }

  /** Runs every listener; a failing listener is reported and does not stop the others or the caller. */
  async emit<K extends keyof Changes>(name: K, payload: Changes[K]): Promise<void> {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        await (listener as Listener<Changes[K]>)(payload);
      } catch (error) {
        this.onError(error, name);
      }
    }
  }
}
