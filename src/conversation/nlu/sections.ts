// Sections named in a message: "普法科负责哪些指标", "调解科的指标有哪些". Names come from the org
// chart (official name, its parts around the brackets, aliases); the longest name written wins.
import type { SectionDoc } from "./types.js";

export interface SectionMention {
  id: number;
  name: string;
  start: number;
  end: number;
}

/** The names a section may be written as: "政治部（机关党委）" → 政治部（机关党委）, 政治部, 机关党委, aliases. */
export function sectionNames(s: SectionDoc): string[] {
  const parts = s.name.split(/[（）()]/).map((p) => p.trim());
  return [...new Set([s.name, ...parts, ...s.aliases])].filter((n) => [...n].length >= 2);
}

// One name list per section list, longest first.
const cache = new WeakMap<SectionDoc[], Array<{ text: string; section: SectionDoc }>>();

export function findSectionMention(text: string, sections: SectionDoc[] | undefined): SectionMention | null {
  if (!sections?.length) return null;
  let names = cache.get(sections);
  if (!names) {
    names = sections.flatMap((section) => sectionNames(section).map((n) => ({ text: n.toLowerCase(), section })));
    names.sort((a, b) => b.text.length - a.text.length);
    cache.set(sections, names);
  }
  for (const n of names) {
    const i = text.indexOf(n.text);
    if (i >= 0) return { id: n.section.id, name: n.section.name, start: i, end: i + n.text.length };
  }
  return null;
}
