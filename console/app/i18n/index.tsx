import { createContext, useContext } from 'react';
import { en, type MessageKey } from './en';
import { zh } from './zh';

export const languages = { en: 'English', 'zh-CN': '简体中文' } as const;
export type Language = keyof typeof languages;

const dictionaries = { en, 'zh-CN': zh };

/** `t('failed', { detail })`: the string in the current language with `{name}`s filled in. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const dictionary = dictionaries[language];
  return (key, values = {}) => dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export const LanguageContext = createContext<{ language: Language; t: Translate }>({ language: 'en', t: translator('en') });

export const useT = (): Translate => useContext(LanguageContext).t;
export const useLanguage = (): Language => useContext(LanguageContext).language;
