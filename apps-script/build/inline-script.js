// Making a bundle safe to inline in an HTML file that Apps Script's HtmlService serves, and
// checking that it is. Used by webpack.config.js (SidebarHtmlPlugin) and by the tests.
//
// Two hazards:
// 1. HtmlService strips `//` and `/*` inside template literals of inlined scripts (its sanitiser
//    takes them for comments), breaking the script. Fix: in every untagged template literal piece
//    and every string literal holding `//` or `/*`, write each `/` as `\/` (the same value: `\/` is
//    an identity escape in strings and templates). A tagged template (its raw text is visible) or
//    a regular expression inside a template substitution holding them cannot be rewritten: the
//    build fails and names the place.
// 2. `</script` (any case) ends the inline script early and `<!--` can change how the HTML parser
//    reads it. Fix: `<\/script`, `<\!--` in strings, templates and regular expressions (`<\/`
//    matches `/`), `< /script`, `< !--` in comments; anywhere else the build fails.
//
// The text is parsed with TypeScript's parser (a devDependency already), so literals, comments and
// code are told apart exactly, not by regular expressions.
const ts = require('typescript');

const COMMENT_LIKE = /\/\/|\/\*/;
const HTML_HAZARD = /<\/script|<!--/gi;

const isTemplatePiece = (k) =>
  k === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
  k === ts.SyntaxKind.TemplateHead ||
  k === ts.SyntaxKind.TemplateMiddle ||
  k === ts.SyntaxKind.TemplateTail;

/** Line and column (1-based) of an offset, and a short excerpt around it. */
function where(text, pos) {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const excerpt = text
    .slice(Math.max(0, pos - 40), pos + 40)
    .replace(/\s+/g, ' ')
    .trim();
  return { line, column, excerpt };
}

/**
 * Parsed as TypeScript, not as JS: TypeScript reads .js files with JSX on, which takes `</` for a
 * closing tag. (TS-only readings such as `f<T>(x)` change no literal or comment.)
 */
function parse(code) {
  return ts.createSourceFile('inline.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** The template whose piece this is: tagged when its parent is a TaggedTemplateExpression. */
function isTagged(piece) {
  const template =
    piece.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ? piece : piece.parent;
  const owner = template.kind === ts.SyntaxKind.TemplateSpan ? template.parent : template;
  return owner.parent !== undefined && owner.parent.kind === ts.SyntaxKind.TaggedTemplateExpression;
}

/** Every literal of the file with whether it sits inside a template substitution. */
function literals(sf) {
  const found = [];
  const visit = (node, inTemplate) => {
    const k = node.kind;
    if (isTemplatePiece(k) || k === ts.SyntaxKind.StringLiteral) {
      found.push({ node, inTemplate });
    } else if (k === ts.SyntaxKind.RegularExpressionLiteral) {
      found.push({ node, inTemplate });
    }
    const inside =
      inTemplate || k === ts.SyntaxKind.TemplateExpression || k === ts.SyntaxKind.TemplateSpan;
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(sf, false);
  return found;
}

/** The token at `pos` (its full range, trivia included, holds pos), by descent. */
function tokenAt(sf, pos) {
  let node = sf;
  for (;;) {
    const children = node.getChildren(sf);
    const next = children.find((c) => c.getFullStart() <= pos && pos < c.end);
    if (next === undefined) return node;
    node = next;
  }
}

/**
 * Writes each unescaped `/` as `\/`, and a `*` right after a `/` as `\*` (the body of a string or
 * template piece): no `//` or `/*` is left, and the value is the same.
 */
function escapeSlashes(body) {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      const next = body[i + 1] ?? '';
      out += ch + next;
      i++;
    } else if (ch === '/') out += '\\/';
    else if (ch === '*' && out.endsWith('/')) out += '\\*';
    else out += ch;
  }
  return out;
}

/** The body of a literal (between its delimiters) and its offsets. */
function body(sf, node) {
  const start = node.getStart(sf);
  const text = sf.text.slice(start, node.end);
  const k = node.kind;
  const open = 1; // ` " ' or }
  const close =
    k === ts.SyntaxKind.TemplateHead || k === ts.SyntaxKind.TemplateMiddle
      ? 2 // ${
      : 1;
  return { from: start + open, to: node.end - close, text: text.slice(open, text.length - close) };
}

/**
 * The hazards HtmlService would trip on, in a script's text.
 *
 * @example
 * inlineHazards('const a = `http://x`;') // [{ kind: 'comment-in-template', line: 1, … }]
 */
function inlineHazards(code) {
  const sf = parse(code);
  const hazards = [];
  if (sf.parseDiagnostics && sf.parseDiagnostics.length > 0) {
    const d = sf.parseDiagnostics[0];
    hazards.push({ kind: 'syntax', ...where(code, d.start), message: String(d.messageText) });
    return hazards;
  }
  for (const { node, inTemplate } of literals(sf)) {
    const k = node.kind;
    const raw =
      k === ts.SyntaxKind.RegularExpressionLiteral ? node.getText(sf) : body(sf, node).text;
    if (!COMMENT_LIKE.test(raw)) continue;
    if (isTemplatePiece(k)) {
      hazards.push({ kind: 'comment-in-template', ...where(code, node.getStart(sf)) });
    } else if (inTemplate) {
      hazards.push({ kind: 'comment-in-template-substitution', ...where(code, node.getStart(sf)) });
    }
  }
  for (const m of code.matchAll(HTML_HAZARD)) {
    hazards.push({
      kind: m[0].toLowerCase() === '<!--' ? 'html-comment' : 'end-tag',
      ...where(code, m.index),
    });
  }
  return hazards;
}

/**
 * The script rewritten so that HtmlService keeps it intact and it can sit in a <script> element;
 * `problems` lists what could not be rewritten (the build fails on them).
 *
 * @example
 * makeInlineSafe('const a = `http://x`;').code // 'const a = `http:\\/\\/x`;'
 */
function makeInlineSafe(code) {
  const sf = parse(code);
  const problems = [];
  const edits = []; // { from, to, text }
  if (sf.parseDiagnostics && sf.parseDiagnostics.length > 0) {
    const d = sf.parseDiagnostics[0];
    return {
      code,
      rewritten: 0,
      problems: [{ kind: 'syntax', ...where(code, d.start), message: String(d.messageText) }],
    };
  }
  const literalSpans = [];
  for (const { node, inTemplate } of literals(sf)) {
    const k = node.kind;
    literalSpans.push(node);
    if (k === ts.SyntaxKind.RegularExpressionLiteral) {
      if (inTemplate && COMMENT_LIKE.test(node.getText(sf))) {
        problems.push({
          kind: 'regexp-in-template-substitution',
          ...where(code, node.getStart(sf)),
        });
      }
      continue;
    }
    const b = body(sf, node);
    if (!COMMENT_LIKE.test(b.text)) continue;
    if (isTemplatePiece(k) && isTagged(node)) {
      problems.push({ kind: 'comment-in-tagged-template', ...where(code, node.getStart(sf)) });
      continue;
    }
    edits.push({ from: b.from, to: b.to, text: escapeSlashes(b.text) });
  }
  // `</script` and `<!--`: inside a literal (possibly already edited) or a comment, or a problem.
  for (const m of code.matchAll(HTML_HAZARD)) {
    const pos = m.index;
    const token = tokenAt(sf, pos);
    const inComment = pos < token.getStart(sf);
    const k = token.kind;
    const inLiteral =
      !inComment &&
      (k === ts.SyntaxKind.StringLiteral ||
        isTemplatePiece(k) ||
        k === ts.SyntaxKind.RegularExpressionLiteral);
    if (!inComment && !inLiteral) {
      problems.push({ kind: 'html-hazard-in-code', ...where(code, pos) });
      continue;
    }
    if (inLiteral && isTemplatePiece(k) && isTagged(token)) {
      problems.push({ kind: 'html-hazard-in-tagged-template', ...where(code, pos) });
      continue;
    }
    const fix = inComment ? (s) => `< ${s.slice(1)}` : (s) => `<\\${s.slice(1)}`;
    edits.push({ from: pos, to: pos + m[0].length, text: fix(m[0]), point: true });
  }
  // Apply: a point edit inside a literal edit goes into that literal's new text.
  const spans = edits.filter((e) => !e.point).sort((a, b) => a.from - b.from);
  const points = edits.filter((e) => e.point);
  for (const p of points) {
    const span = spans.find((s) => s.from <= p.from && p.to <= s.to);
    if (span) {
      // The literal's text was only changed at slashes: redo it from the source with the point.
      const source = code.slice(span.from, span.to);
      const local = source.slice(0, p.from - span.from) + p.text + source.slice(p.to - span.from);
      span.text = escapeSlashes(local);
    } else spans.push(p);
  }
  spans.sort((a, b) => a.from - b.from);
  let out = '';
  let at = 0;
  for (const e of spans) {
    out += code.slice(at, e.from) + e.text;
    at = e.to;
  }
  out += code.slice(at);
  return { code: out, rewritten: spans.length, problems };
}

/** A hazard or problem in one line: `comment-in-template at 12:345 …excerpt…`. */
function describe(h) {
  return `${h.kind} at line ${h.line}, column ${h.column}: …${h.excerpt}…`;
}

module.exports = { inlineHazards, makeInlineSafe, describe, escapeSlashes };
