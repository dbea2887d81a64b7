/** A cursor over normalized input for the hand-written time-expression grammars. */
export class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** Matches a sticky (`y`) pattern after any spaces at the cursor and moves past it. */
  take(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.afterSpaces();
    const match = pattern.exec(this.text);
    if (match) this.pos = pattern.lastIndex;
    return match;
  }

  /** Runs `parse`; when it yields undefined the cursor returns to where it was. */
  attempt<T>(parse: () => T | undefined): T | undefined {
    const saved = this.pos;
    const result = parse();
    if (result === undefined) this.pos = saved;
    return result;
  }

  get atEnd(): boolean {
    return this.afterSpaces() === this.text.length;
  }

  private afterSpaces(): number {
    let at = this.pos;
    while (this.text[at] === " ") at++;
    return at;
  }
}

/** The result of the first grammar rule that consumes the whole text. */
export function parseWhole<T>(text: string, rules: ((scanner: Scanner) => T | undefined)[]): T | undefined {
  for (const rule of rules) {
    const scanner = new Scanner(text);
    const result = rule(scanner);
    if (result !== undefined && scanner.atEnd) return result;
  }
  return undefined;
}
