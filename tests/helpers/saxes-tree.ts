// A reference tree built with saxes, a conformant streaming parser, to check our own scanner
// against (tests only).

import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface RefElement {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: (RefElement | string)[];
  start: number;
  end: number;
}

export function saxesTree(text: string): RefElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: RefElement[] = [];
  let root: RefElement | undefined;
  let tagStart = 0;
  let error: Error | undefined;
  parser.on('opentagstart', (t) => {
    tagStart = parser.position - t.name.length - 2;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    }
    const el: RefElement = { name: tag.local, ns: tag.uri, attrs, children: [], start: tagStart, end: -1 };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el) el.end = parser.position;
  });
  const onText = (t: string): void => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(text).close();
  if (error) throw error;
  if (!root) throw new Error('no root');
  return root;
}
