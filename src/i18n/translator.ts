import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { negotiateLanguages } from "@fluent/langneg";
import { type Locale, locales } from "../config/config.ts";

export type TranslationArgs = Record<string, FluentVariable>;
export type Translate = (key: string, args?: TranslationArgs) => string;

const localesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "locales");

export class MissingTranslationError extends Error {}

/** Language codes whose negotiation is remembered (Telegram sends a few dozen kinds). */
const NEGOTIATED_CODES = 256;

/** Fluent bundles for every supported locale, loaded once per app. */
export class Translator {
  private readonly bundles = new Map<Locale, FluentBundle>();
  private readonly negotiated = new Map<string, Locale>();
  private readonly bound = new Map<Locale, Translate>();

  constructor(
    readonly defaultLocale: Locale,
    dir = localesDir,
  ) {
    for (const locale of locales) {
      // No Unicode isolation marks: Telegram shows them as stray characters in some clients.
      const bundle = new FluentBundle(locale, { useIsolating: false });
      // One file per feature (locales/<locale>/<feature>.ftl) keeps parallel work apart.
      const folder = join(dir, locale);
      for (const file of readdirSync(folder)
        .filter((f) => f.endsWith(".ftl"))
        .sort()) {
        const resource = new FluentResource(readFileSync(join(folder, file), "utf8"));
        const errors = bundle.addResource(resource, { allowOverrides: false });
        if (errors.length > 0) throw new Error(`locales/${locale}/${file}: ${errors.map((e) => e.message).join("; ")}`);
      }
      this.bundles.set(locale, bundle);
    }
  }

  /** Picks the supported locale closest to a Telegram `language_code` (e.g. "zh-hans" → zh-CN). */
  negotiate(languageCode: string | undefined | null): Locale {
    if (!languageCode) return this.defaultLocale;
    // every update asks (the person's and the chat's language); Telegram's codes are few, so each is
    // negotiated once, and the memo is emptied should a client send an endless variety
    let locale = this.negotiated.get(languageCode);
    if (locale) return locale;
    const code = languageCode.toLowerCase().startsWith("zh") ? "zh-CN" : languageCode;
    const [best] = negotiateLanguages([code], [...locales], { defaultLocale: this.defaultLocale, strategy: "lookup" });
    locale = (best as Locale | undefined) ?? this.defaultLocale;
    if (this.negotiated.size >= NEGOTIATED_CODES) this.negotiated.clear();
    this.negotiated.set(languageCode, locale);
    return locale;
  }

  has(locale: Locale, key: string): boolean {
    return this.bundles.get(locale)?.hasMessage(key) ?? false;
  }

  keys(locale: Locale): string[] {
    const bundle = this.bundles.get(locale);
    return bundle ? [...bundle._messages.keys()] : [];
  }

  t(locale: Locale, key: string, args?: TranslationArgs): string {
    const bundle = this.bundles.get(locale);
    const message = bundle?.getMessage(key);
    if (!bundle || !message?.value) throw new MissingTranslationError(`${locale}: no message "${key}"`);
    const errors: Error[] = [];
    const text = bundle.formatPattern(message.value, args ?? null, errors);
    if (errors.length > 0) throw new MissingTranslationError(`${locale}: "${key}": ${errors[0]?.message}`);
    return text;
  }

  /** A translate function bound to one locale (one per locale, made once). */
  for(locale: Locale): Translate {
    let translate = this.bound.get(locale);
    if (!translate) {
      translate = (key, args) => this.t(locale, key, args);
      this.bound.set(locale, translate);
    }
    return translate;
  }
}
