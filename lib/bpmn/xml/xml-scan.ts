/**
 * A light pass over the raw XML text, before bpmn-moddle reads it, for what bpmn-moddle does not
 * tell us:
 * - prefixes used but never declared (bpmn-moddle silently accepts its own well-known prefixes,
 *   e.g. an undeclared `bpmn:`; such a file is not well-formed XML and is refused);
 * - the namespace declarations of the document (prefix -> URI, first declaration wins);
 * - the aliases bpmn-moddle's parser (saxen) gives namespaces: it renames prefixes per document
 *   (a URI keeps the first prefix it was declared with, or `ns0`, `ns1`... on a clash), and
 *   attribute names of vendor content arrive under those aliases.
 *
 * Contract: pure; never throws. Syntax it cannot follow (an unclosed comment, an odd tag) ends
 * the scan without a finding: bpmn-moddle reads the text next and reports those with positions.
 */
import { XML_NS, XSI_NS } from './moddle';

export type ScanProblem = { message: string; line: number; column: number };

export type XmlScan = {
  /** prefix -> URI as first declared in the document ('' for a default namespace). */
  declarations: Record<string, string>;
  /** The parser's alias for a namespace -> the namespace URI. */
  aliases: Map<string, string>;
  problem?: ScanProblem;
};

type Attr = { name: string; value: string };
type Tag = { name: string; attrs: Attr[]; selfClosing: boolean; end: number };

/**
 * @param knownPrefixes URI -> prefix of the namespaces bpmn-moddle knows (its packages); the
 *   parser reserves those prefixes, so the alias computation starts from them.
 */
export function scanXml(xml: string, knownPrefixes: Record<string, string>): XmlScan {
  const aliasOfUri = new Map<string, string>(Object.entries({ ...knownPrefixes, [XSI_NS]: 'xsi', [XML_NS]: 'xml' }));
  const declarations: Record<string, string> = {};
  // Scoped bindings: document prefix -> URI (what is declared), and the parser's alias matrix.
  const scopes: Array<Map<string, string>> = [new Map([['xml', XML_NS]])];
  const aliasScope = new Map<string, string>([...aliasOfUri].map(([uri, alias]) => [alias, uri]));
  let anonymous = 0;

  const bound = (prefix: string): string | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const uri = scopes[i].get(prefix);
      if (uri !== undefined) return uri;
    }
    return undefined;
  };

  const aliasFor = (prefix: string, uri: string): void => {
    if (aliasOfUri.has(uri)) return;
    let alias = prefix;
    if (prefix === '' || (aliasScope.has(prefix) && aliasScope.get(prefix) !== uri)) {
      do alias = `ns${anonymous++}`;
      while (aliasScope.has(alias));
    }
    aliasOfUri.set(uri, alias);
    aliasScope.set(alias, uri);
  };

  const problemAt = (pos: number, message: string): XmlScan => ({
    declarations,
    aliases: invert(aliasOfUri),
    problem: { message, ...positionOf(xml, pos) },
  });

  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    const skipTo = skipSpecial(xml, lt);
    if (skipTo === -1) break;
    if (skipTo !== undefined) {
      i = skipTo;
      continue;
    }
    if (xml.startsWith('</', lt)) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) break;
      scopes.pop();
      i = gt + 1;
      continue;
    }
    const tag = readTag(xml, lt);
    if (!tag) break;
    const scope = new Map<string, string>();
    for (const { name, value } of tag.attrs) {
      const prefix = name === 'xmlns' ? '' : name.startsWith('xmlns:') ? name.slice(6) : undefined;
      if (prefix === undefined) continue;
      const uri = decodeEntities(value);
      scope.set(prefix, uri);
      if (!(prefix in declarations)) declarations[prefix] = uri;
      aliasFor(prefix, uri);
    }
    scopes.push(scope);
    const elementPrefix = prefixOf(tag.name);
    if (elementPrefix !== undefined && bound(elementPrefix) === undefined) {
      return problemAt(lt, `The prefix "${elementPrefix}" of <${tag.name}> is not declared (no xmlns:${elementPrefix}), so the file is not well-formed XML.`);
    }
    for (const { name } of tag.attrs) {
      const p = prefixOf(name);
      if (p === undefined || p === 'xmlns' || bound(p) !== undefined) continue;
      return problemAt(lt, `The prefix "${p}" of attribute ${name} on <${tag.name}> is not declared (no xmlns:${p}), so the file is not well-formed XML.`);
    }
    if (tag.selfClosing) scopes.pop();
    i = tag.end;
  }
  return { declarations, aliases: invert(aliasOfUri) };
}

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function invert(aliasOfUri: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [uri, alias] of aliasOfUri) if (!out.has(alias)) out.set(alias, uri);
  return out;
}

function prefixOf(qname: string): string | undefined {
  const c = qname.indexOf(':');
  return c > 0 ? qname.slice(0, c) : undefined;
}

/**
 * Comments, CDATA, processing instructions and DOCTYPE: the offset after them, undefined when
 * `lt` starts a tag, -1 when the construct is not closed.
 */
function skipSpecial(xml: string, lt: number): number | undefined {
  const closeAfter = (open: string, close: string): number | undefined => {
    if (!xml.startsWith(open, lt)) return undefined;
    const end = xml.indexOf(close, lt + open.length);
    return end < 0 ? -1 : end + close.length;
  };
  const special = closeAfter('<!--', '-->') ?? closeAfter('<![CDATA[', ']]>') ?? closeAfter('<?', '?>');
  if (special !== undefined) return special;
  if (!xml.startsWith('<!', lt)) return undefined;
  let depth = 0;
  for (let k = lt + 2; k < xml.length; k++) {
    const ch = xml[k];
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '>' && depth <= 0) return k + 1;
  }
  return -1;
}

const SPACE = /\s/;

function readTag(xml: string, lt: number): Tag | undefined {
  let k = lt + 1;
  const nameStart = k;
  while (k < xml.length && !SPACE.test(xml[k]) && xml[k] !== '>' && xml[k] !== '/') k++;
  const name = xml.slice(nameStart, k);
  if (!name) return undefined;
  const attrs: Attr[] = [];
  for (;;) {
    while (k < xml.length && SPACE.test(xml[k])) k++;
    if (k >= xml.length) return undefined;
    if (xml.startsWith('/>', k)) return { name, attrs, selfClosing: true, end: k + 2 };
    if (xml[k] === '>') return { name, attrs, selfClosing: false, end: k + 1 };
    const attrStart = k;
    while (k < xml.length && !SPACE.test(xml[k]) && xml[k] !== '=' && xml[k] !== '>' && xml[k] !== '/') k++;
    const attrName = xml.slice(attrStart, k);
    while (k < xml.length && SPACE.test(xml[k])) k++;
    if (!attrName || xml[k] !== '=') return undefined;
    k++;
    while (k < xml.length && SPACE.test(xml[k])) k++;
    const quote = xml[k];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = xml.indexOf(quote, k + 1);
    if (close < 0) return undefined;
    attrs.push({ name: attrName, value: xml.slice(k + 1, close) });
    k = close + 1;
  }
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
