/*
 * The package around the parts (Open Packaging Conventions, ECMA-376 Part 2): parts found through relationships —
 * each relationship's target resolved against its source part's folder, absolute or relative, percent-escapes
 * undone (§9.3) — rather than by the names one writer happens to use. The zip (checked whole by ../package's
 * openPackage) finds a part by name without regard to case (§9.1.1.1) and reads '\' as '/'.
 */
import { WorkbookFormatError } from "../format";
import type { Utf8Check } from "./bytes";
import { PACKAGE_RELATIONSHIPS, RELATIONSHIPS_PART, USUAL, relationshipKind } from "./namespaces";
import { refused } from "./refusal";
import { XmlError, XmlScanner, type ScannerOptions, type Vocabulary, type XmlHandlers } from "./xml";
import { sameBytes, type ZipReader } from "./zip";

export interface Relationship {
  readonly id: string;
  /** The last segment of its type ("worksheet", "sharedStrings", "hyperlink", …). */
  readonly kind: string;
  /** For an internal target, the part's name as the package names it (no leading '/'); else the target as written. */
  readonly target: string;
  readonly external: boolean;
}

/** The relationships part of a source part ("" for the package's own). */
export function relationshipsPartOf(source: string): string {
  const slash = source.lastIndexOf("/");
  return `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
}

/** A relationship's target resolved against its source part (RFC 3986 §5.2 with the part's folder as base). */
export function resolveTarget(source: string, target: string): string {
  let path = target.replace(/\\/g, "/").replace(/[?#].*$/, "");
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray '%' is kept as written.
  }
  const base = path.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") base.pop();
    else base.push(segment);
  }
  return base.join("/");
}

/**
 * What was read from a kind of part that repeats byte for byte across a batch (the styles and relationships of
 * files written by one tool): a part stored exactly as one seen before, under the same name, gives that one's
 * result, neither inflated nor parsed again. The last few are kept; a result is shared, so it is read-only.
 */
export class PartMemo<T> {
  private readonly seen: {
    name: string;
    method: number;
    size: number;
    data: Uint8Array;
    value: T;
    unusual: boolean;
  }[] = [];

  constructor(private readonly read: (pkg: Package, entry: string) => T) {}

  get(pkg: Package, entry: string): T {
    const { method, size, data } = pkg.zip.stored(entry);
    for (const s of this.seen)
      if (s.name === entry && s.method === method && s.size === size && sameBytes(s.data, data)) {
        if (s.unusual) pkg.unusual.add(entry);
        return s.value;
      }
    const value = this.read(pkg, entry);
    this.seen.unshift({
      name: entry,
      method,
      size,
      data: data.slice(),
      value,
      unusual: pkg.unusual.has(entry),
    });
    this.seen.length = Math.min(this.seen.length, 4);
    return value;
  }
}

const relationshipsMemo = new PartMemo<ReadonlyMap<string, Relationship>>((pkg, entry) =>
  readRelationships(pkg, entry),
);

/** The relationships in a relationships part, by id, targets resolved against the part it describes. */
function readRelationships(pkg: Package, relsPart: string): ReadonlyMap<string, Relationship> {
  const source = sourceOf(relsPart);
  const out = new Map<string, Relationship>();
  let root = true;
  pkg.parse(relsPart, RELATIONSHIPS_PART, {
    open: (tag, a) => {
      if (root && tag !== "Relationships")
        throw refused(
          "not-spreadsheetml",
          { part: relsPart, value: tag },
          `${relsPart}: the root is ${tag}, not ${PACKAGE_RELATIONSHIPS}'s Relationships`,
        );
      root = false;
      if (tag !== "Relationship") return;
      const id = a.get("Id") ?? "";
      const target = a.get("Target") ?? "";
      const external = a.get("TargetMode") === "External";
      // The first of a repeated id, as Excel reads it.
      if (!out.has(id))
        out.set(id, {
          id,
          kind: relationshipKind(a.get("Type") ?? ""),
          target: external ? target : resolveTarget(source, target),
          external,
        });
    },
  });
  return out;
}

/** The part a relationships part describes: "xl/_rels/workbook.xml.rels" → "xl/workbook.xml", "_rels/.rels" → "". */
function sourceOf(relsPart: string): string {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(relsPart);
  return m ? `${m[1]}${m[2]}` : "";
}

/** What the scanner is fed at a time. */
const SLICE = 1024 * 1024;

export class Package {
  /** Parts read that are not spelled as literal-name readers read them (prefixed or Strict names). */
  readonly unusual = new Set<string>();

  constructor(
    readonly zip: ZipReader,
    readonly utf8Check?: Utf8Check,
  ) {}

  /** The zip entry holding a part (its name as the zip spells it); undefined when there is none. */
  entry(part: string): string | undefined {
    return this.zip.spelling(part);
  }

  /**
   * Streams a part through the XML scanner with a vocabulary; XML that is not well-formed is refused as
   * "malformed-xml" naming the part.
   */
  parse(part: string, vocabulary: Vocabulary, handlers: XmlHandlers, options: ScannerOptions = {}): void {
    const entry = this.entry(part);
    if (entry === undefined) throw refused("missing-part", { part }, `The package holds no part ${part}`);
    const scanner = new XmlScanner(handlers, {
      ...options,
      vocabulary,
      usual: USUAL,
      utf8Check: this.utf8Check,
    });
    try {
      this.zip.read(entry, (chunk) => {
        // In slices: a reading that stops early (a refusal, a cell limit) has not converted the whole part.
        for (let at = 0; at < chunk.length; at += SLICE) scanner.write(chunk.subarray(at, at + SLICE));
      });
      scanner.close();
      if (!scanner.plain) this.unusual.add(entry);
    } catch (e) {
      if (e instanceof XmlError)
        throw refused("malformed-xml", { part: entry, xml: e.problem }, `${entry}: ${e.message}`);
      // A refusal made where the part was not known (an attribute list read whole) names it here.
      if (e instanceof WorkbookFormatError && e.part === undefined)
        throw new WorkbookFormatError(e.problem, `${entry}: ${e.message}`, { ...e, part: entry });
      throw e;
    }
  }

  /** A source part's relationships by id ("" for the package's); none when it has no relationships part. */
  relationships(source: string): ReadonlyMap<string, Relationship> {
    const entry = this.entry(relationshipsPartOf(source));
    return entry === undefined ? new Map() : relationshipsMemo.get(this, entry);
  }
}
