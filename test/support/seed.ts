import { readFileSync, existsSync } from "fs";
import { join } from "path";

/** The district notice shipped beside the project (../shared), the source the rubric data was transcribed from. */
export const SEED_PATH = join(__dirname, "..", "..", "..", "shared", "seeds", "000_651c7d4ca00c6a35.txt");

export function seedAvailable(): boolean {
  return existsSync(SEED_PATH);
}

export function readSeed(): string {
  return readFileSync(SEED_PATH, "utf8");
}

export interface SeedRow {
  cells: string[];
}

/**
 * Splits the attachment's table into rows of cells. In the seed a row is a block of lines ended by a blank
 * line; each cell starts with a tab, and a line without a tab continues the cell above it.
 */
export function seedTableRows(seed: string): SeedRow[] {
  const start = seed.indexOf("\t主要内容");
  const end = seed.indexOf("\t注：");
  const rows: SeedRow[] = [];
  for (const block of seed.slice(start, end).split(/\n(?=\n)/)) {
    const cells: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("\t")) cells.push(line.slice(1));
      else if (line.length > 0 && cells.length > 0) cells[cells.length - 1] += line;
    }
    if (cells.some((c) => c.trim() !== "")) rows.push({ cells });
  }
  return rows;
}

export interface SeedItem {
  no: number;
  category: string;
  task: string | null;
  text: string;
  max: number | null;
}

/** Items 1–75 with the category and task they fall under, as printed. */
export function seedItems(seed: string): SeedItem[] {
  const rows = seedTableRows(seed).slice(1);
  const items: SeedItem[] = [];
  let category = "";
  let task: string | null = null;
  for (const { cells } of rows) {
    const noIndex = cells.findIndex((c) => /^\d+$/.test(c.trim()));
    if (noIndex === 2) {
      if (cells[0].trim()) category = cells[0].trim();
      if (cells[1].trim()) task = cells[1].trim();
    } else if (noIndex === 1) {
      if (cells[0].trim()) category = cells[0].trim();
      task = null;
    } else {
      throw new Error(`unexpected row: ${cells.join("|")}`);
    }
    const max = cells[noIndex + 2].trim();
    items.push({
      no: Number(cells[noIndex]),
      category,
      task,
      text: cells[noIndex + 1],
      max: max === "" ? null : Number(max),
    });
  }
  return items;
}

export function seedNotes(seed: string): string[] {
  const notes = seed.slice(seed.indexOf("\t注："));
  return [...notes.matchAll(/(\d)、(.+?)(?=\s+\d、|\s*$)/gs)].map((m) => m[2].trim());
}
