/**
 * XML well-formedness for tests (pom.xml, .csproj): balanced and properly nested elements, quoted
 * attributes, no stray `<` or `&` in text. Returns the problems; an empty list means well-formed.
 */
export function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const match of text.matchAll(token)) {
    const [, closing, opening, , selfClosing, textPart, stray] = match;
    if (stray !== undefined) problems.push(`malformed markup at offset ${match.index}`);
    else if (closing !== undefined) {
      const open = stack.pop();
      if (open !== closing) problems.push(`</${closing}> closes <${open ?? 'nothing'}> at offset ${match.index}`);
    } else if (opening !== undefined) {
      if (stack.length === 0) roots++;
      if (selfClosing !== '/') stack.push(opening);
    } else if (textPart !== undefined) {
      if (stack.length === 0 && textPart.trim() !== '') problems.push(`text outside the root element at offset ${match.index}`);
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(textPart)) problems.push(`bare & at offset ${match.index}`);
    }
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`);
  return problems;
}
