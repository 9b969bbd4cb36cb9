/**
 * A small XML scanner for the parts of an .xlsx this package reads: elements (their local name, the
 * namespace prefix dropped, so `x:c` is `c`), attributes on demand, and text only where the handler
 * asks for it. Comments, processing instructions and the DOCTYPE are skipped; CDATA is text. It does
 * not validate: a workbook program wrote the XML, and the reader checks the values it takes from it.
 */
export type XmlHandler = {
  /** An element starts; `tag` is the text between `<` and `>` (pass it to `attr`). */
  open(name: string, tag: string, selfClosing: boolean): void;
  close?(name: string): void;
  /** Text (decoded) is handed over only while this is true. */
  capturing: boolean;
  text?(value: string): void;
};

const localName = (qname: string): string => {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
};

export function scanXml(xml: string, h: XmlHandler): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt < 0 ? n : lt;
    if (h.capturing && textEnd > i) h.text?.(decodeText(xml.slice(i, textEnd)));
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      i = skipPast(xml, "?>", lt);
    } else if (next === 33 /* ! */) {
      if (xml.startsWith("<!--", lt)) i = skipPast(xml, "-->", lt);
      else if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0) throw new Error("XML 中的 CDATA 未结束");
        if (h.capturing) h.text?.(xml.slice(lt + 9, end));
        i = end + 3;
      } else i = skipPast(xml, ">", lt);
    } else if (next === 47 /* / */) {
      const gt = xml.indexOf(">", lt);
      if (gt < 0) throw new Error("XML 标签未结束");
      h.close?.(localName(xml.slice(lt + 2, gt).trim()));
      i = gt + 1;
    } else {
      // The tag ends at the first `>` outside quotes (attribute values may hold a raw `>`).
      let gt = xml.indexOf(">", lt);
      while (gt >= 0 && quotesOpen(xml, lt, gt)) gt = xml.indexOf(">", gt + 1);
      if (gt < 0) throw new Error("XML 标签未结束");
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const tag = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
      let end = 0;
      while (end < tag.length && !isSpace(tag.charCodeAt(end))) end++;
      const name = localName(tag.slice(0, end));
      h.open(name, tag, selfClosing);
      if (selfClosing) h.close?.(name);
      i = gt + 1;
    }
  }
}

function skipPast(xml: string, marker: string, from: number): number {
  const end = xml.indexOf(marker, from);
  if (end < 0) throw new Error("XML 未结束");
  return end + marker.length;
}

function quotesOpen(xml: string, from: number, to: number): boolean {
  let quote = 0;
  for (let k = from; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (quote === 0) {
      if (c === 34 || c === 39) quote = c;
    } else if (c === quote) quote = 0;
  }
  return quote !== 0;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

const ATTRIBUTES = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** An attribute's decoded value by local name (`id` also finds `r:id`), or undefined. */
export function attr(tag: string, name: string): string | undefined {
  ATTRIBUTES.lastIndex = 0;
  for (let m = ATTRIBUTES.exec(tag); m; m = ATTRIBUTES.exec(tag)) {
    if (localName(m[1] as string) === name) {
      const raw = m[2] ?? m[3] ?? "";
      return decodeAttribute(raw);
    }
  }
  return undefined;
}

/** Several attributes at once, by local name (one pass over the tag). */
export function attrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTRIBUTES.lastIndex = 0;
  for (let m = ATTRIBUTES.exec(tag); m; m = ATTRIBUTES.exec(tag))
    out.set(localName(m[1] as string), decodeAttribute(m[2] ?? m[3] ?? ""));
  return out;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, e: string) => {
    if (e.charCodeAt(0) === 35 /* # */) {
      const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[e] ?? whole;
  });
}

/** Element text: XML line ends normalised to LF (as an XML parser does), then entities. */
export function decodeText(raw: string): string {
  let s = raw;
  if (s.includes("\r")) s = s.replace(/\r\n?/g, "\n");
  return s.includes("&") ? decodeEntities(s) : s;
}

function decodeAttribute(raw: string): string {
  let s = raw;
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n|[\t\n\r]/g, " ");
  return s.includes("&") ? decodeEntities(s) : s;
}

/** OOXML's `_xHHHH_` escapes in cell text (Excel writes a CR as `_x000D_`, a literal `_x` as `_x005F_x`). */
export function decodeOoxmlEscapes(s: string): string {
  return s.includes("_x")
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : s;
}
