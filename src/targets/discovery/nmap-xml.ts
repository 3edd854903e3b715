import type { HostTarget } from '../target-spec.js';
import { openPortTarget } from './open-port-target.js';
import { quoteFromFile, TargetsFormatError } from './targets-format.js';

/**
 * nmap's -oX output, read without an XML library (the runtime dependencies stay commander, ajv
 * and cli-table3). Not a general XML parser: it walks the tags nmap writes (elements with
 * double- or single-quoted attributes, comments, processing instructions, a DOCTYPE without an
 * internal subset, CDATA) and insists they nest properly and that the document is finished, so
 * a file cut short by an interrupted nmap is refused rather than read halfway.
 *
 * Taken: every <host> whose <status> is not "down", with its first ipv4 or ipv6 <address>
 * (hostnames and MAC addresses are ignored), on each of its TCP <port>s whose <state> is
 * "open". "open|filtered", closed and filtered ports, UDP and SCTP ports are not targets.
 * Each target's line is the line of that <address> element.
 */
export function readNmapXml(text: string, file: string): HostTarget[] {
  const walker = new NmapXmlWalker(text, file);
  walker.walk();
  return walker.targets;
}

/** nmap nests about five deep; anything far deeper is not nmap's output, and is not recursed into. */
const MAX_DEPTH = 64;

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
// Attribute values cannot hold "<" in XML, so a missing quote stops at the next tag, not at the
// end of a large file, and a malformed tag costs at most one tag's length to reject.
const START_TAG = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
const END_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');

interface OpenElement {
  name: string;
  line: number;
}

interface HostInProgress {
  line: number;
  status: string | null;
  address: { text: string; line: number } | null;
  ports: PortInProgress[];
}

interface PortInProgress {
  protocol: string;
  portid: string;
  line: number;
  state: string | null;
}

class NmapXmlWalker {
  readonly targets: HostTarget[] = [];
  private readonly stack: OpenElement[] = [];
  private rootSeen = false;
  private rootClosed = false;
  private host: HostInProgress | null = null;
  private port: PortInProgress | null = null;
  // Positions only move forward, so line numbers are counted once, incrementally.
  private countedTo = 0;
  private countedLine = 1;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  walk(): void {
    const { text } = this;
    let pos = 0;
    // Each turn consumes at least one character, so the loop ends within text.length turns.
    while (pos < text.length) {
      const lt = text.indexOf('<', pos);
      if (lt < 0) {
        this.checkText(pos, text.length);
        break;
      }
      this.checkText(pos, lt);
      if (text.startsWith('<!--', lt)) pos = this.skipPast('-->', lt + 4, lt, 'a comment');
      else if (text.startsWith('<?', lt)) pos = this.skipPast('?>', lt + 2, lt, 'a processing instruction');
      else if (text.startsWith('<![CDATA[', lt)) pos = this.skipPast(']]>', lt + 9, lt, 'a CDATA section');
      else if (text.startsWith('<!', lt)) pos = this.doctype(lt);
      else if (text.startsWith('</', lt)) pos = this.endTag(lt);
      else pos = this.startTag(lt);
    }
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1]!;
      // The last line with something on it, not the empty one after the final newline.
      throw new TargetsFormatError(this.lineAt(text.trimEnd().length), `the file ends inside <${open.name}> (opened on line ${open.line}): it is cut short, as when nmap is stopped before it finishes`);
    }
    if (!this.rootSeen) throw new TargetsFormatError(this.lineAt(text.trimEnd().length), 'no <nmaprun> element');
  }

  private lineAt(pos: number): number {
    for (let i = this.text.indexOf('\n', this.countedTo); i >= 0 && i < pos; i = this.text.indexOf('\n', i + 1)) this.countedLine++;
    this.countedTo = Math.max(this.countedTo, pos);
    return this.countedLine;
  }

  /** Character data: nmap writes none that matters; outside the root only white space is XML. */
  private checkText(from: number, to: number): void {
    if (this.stack.length > 0 || from >= to) return;
    const stray = this.text.slice(from, to).search(/\S/);
    if (stray >= 0) {
      const at = from + stray;
      throw new TargetsFormatError(this.lineAt(at), `text ${quoteFromFile(this.text.slice(at, at + 40).split('\n')[0]!)} outside the <nmaprun> element`);
    }
  }

  private skipPast(terminator: string, from: number, lt: number, what: string): number {
    const end = this.text.indexOf(terminator, from);
    if (end < 0) throw new TargetsFormatError(this.lineAt(lt), `${what} that never ends: the file is cut short`);
    return end + terminator.length;
  }

  private doctype(lt: number): number {
    const end = this.text.indexOf('>', lt);
    if (end < 0) throw new TargetsFormatError(this.lineAt(lt), 'a declaration that never ends: the file is cut short');
    // nmap's DOCTYPE has no internal subset; one with entity declarations is not nmap's file.
    if (this.text.slice(lt, end).includes('[')) throw new TargetsFormatError(this.lineAt(lt), 'a DOCTYPE with an internal subset, which nmap never writes');
    return end + 1;
  }

  private endTag(lt: number): number {
    END_TAG.lastIndex = lt;
    const match = END_TAG.exec(this.text);
    const line = this.lineAt(lt);
    if (!match) throw new TargetsFormatError(line, `a malformed end tag ${quoteFromFile(this.text.slice(lt, lt + 40).split('\n')[0]!)}`);
    const name = match[1]!;
    const open = this.stack.pop();
    if (!open) throw new TargetsFormatError(line, `</${name}> closes nothing`);
    if (open.name !== name) throw new TargetsFormatError(line, `</${name}> where <${open.name}> (line ${open.line}) should close`);
    this.close(name, line);
    return lt + match[0].length;
  }

  private startTag(lt: number): number {
    START_TAG.lastIndex = lt;
    const match = START_TAG.exec(this.text);
    const line = this.lineAt(lt);
    if (!match) {
      const rest = this.text.slice(lt, lt + 40).split('\n')[0]!;
      throw new TargetsFormatError(line, this.text.indexOf('>', lt) < 0 ? 'a tag that never ends: the file is cut short' : `a malformed tag ${quoteFromFile(rest)}`);
    }
    const name = match[1]!;
    if (this.rootClosed) throw new TargetsFormatError(line, `<${name}> after </nmaprun>`);
    if (!this.rootSeen) {
      if (name !== 'nmaprun') throw new TargetsFormatError(line, `the document is <${name}>, not nmap's <nmaprun>`);
      this.rootSeen = true;
    }
    if (this.stack.length >= MAX_DEPTH) throw new TargetsFormatError(line, `elements nested more than ${MAX_DEPTH} deep, which nmap never writes`);
    this.open(name, attributes(match[2]!), line);
    if (match[3] === '/') this.close(name, line);
    else this.stack.push({ name, line });
    return lt + match[0].length;
  }

  private parent(): string | undefined {
    return this.stack[this.stack.length - 1]?.name;
  }

  private open(name: string, attrs: Map<string, string>, line: number): void {
    const parent = this.parent();
    // <hosthint> (nmap 7.8+) holds <status> and <address> too: only <host> is a scan result.
    if (name === 'host' && parent === 'nmaprun') {
      this.host = { line, status: null, address: null, ports: [] };
    } else if (this.host && name === 'status' && parent === 'host') {
      this.host.status = attrs.get('state') ?? null;
    } else if (this.host && name === 'address' && parent === 'host') {
      const type = attrs.get('addrtype');
      const addr = attrs.get('addr');
      if ((type === 'ipv4' || type === 'ipv6') && addr !== undefined && !this.host.address) this.host.address = { text: addr, line };
    } else if (this.host && name === 'port' && parent === 'ports') {
      this.port = { protocol: attrs.get('protocol') ?? '', portid: attrs.get('portid') ?? '', line, state: null };
    } else if (this.port && name === 'state' && parent === 'port') {
      this.port.state = attrs.get('state') ?? null;
    }
  }

  private close(name: string, line: number): void {
    if (name === 'nmaprun') this.rootClosed = true;
    if (name === 'port' && this.port && this.host) {
      this.host.ports.push(this.port);
      this.port = null;
    } else if (name === 'host' && this.host && this.parent() === 'nmaprun') {
      this.finishHost(this.host, line);
      this.host = null;
    }
  }

  private finishHost(host: HostInProgress, endLine: number): void {
    if (host.status === 'down') return;
    const open = host.ports.filter((port) => port.protocol === 'tcp' && port.state === 'open');
    if (open.length === 0) return;
    if (!host.address) throw new TargetsFormatError(host.line, `the <host> ending on line ${endLine} has open ports but no ipv4 or ipv6 <address>`);
    for (const port of open) this.targets.push(openPortTarget(host.address.text, port.portid, this.file, host.address.line, port.line));
  }
}

function attributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) attrs.set(match[1]!, decodeEntities(match[2] ?? match[3] ?? ''));
  return attrs;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, body: string) => {
    if (body.startsWith('#x')) return safeCodePoint(parseInt(body.slice(2), 16)) ?? whole;
    if (body.startsWith('#')) return safeCodePoint(Number(body.slice(1))) ?? whole;
    return NAMED_ENTITIES[body] ?? whole;
  });
}

function safeCodePoint(value: number): string | null {
  return value <= 0x10ffff ? String.fromCodePoint(value) : null;
}
