import * as linguist from 'linguist-languages';

/**
 * GitHub Linguist's languages (lib/linguist/languages.yml), as the linguist-languages package
 * ships them. Only this module imports the package, so that the build can load the data on first
 * use rather than on every start (scripts/build.mjs).
 */
export interface LinguistLanguage {
  name: string;
  type: 'programming' | 'data' | 'markup' | 'prose';
  extensions?: readonly string[];
  filenames?: readonly string[];
  aliases?: readonly string[];
  group?: string;
}

export const linguistLanguages = (): readonly LinguistLanguage[] => Object.values(linguist) as readonly LinguistLanguage[];
