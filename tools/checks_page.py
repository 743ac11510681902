"""The "What is checked" page: every exactness check in the tutorials, read off the notebooks at build time.

A check is a call of `test_close64` (a float64 comparison with an answer computed another way), `test_mc_mean`
(a Monte Carlo mean within `z` standard errors of the exact mean) or `gradcheck64` / `gradcheck` (autograd against
finite differences) in a notebook cell that is not exported. Calls inside `test_fail(lambda: ...)` test the helpers
themselves and are left out. What a check checks is read, in this order, from a constant `name='...'`, a trailing
`  # comment` on the call's first line, a non-constant `name=` (an f-string in a loop; shown as code), a comment line just
above the call, or else the first argument (shown as code).

Below them, each notebook's asserted comparisons: every `assert` in a test cell whose condition orders numbers (`<`,
`<=`, `>`, `>=`: a bound below another, a bias or a variance ratio beyond a threshold, a measured improvement),
labelled by a trailing `  # comment` or a comment line just above, with the condition as written."""
from __future__ import annotations
import ast, html, json, re
from pathlib import Path

SUBTITLE = 'Every exactness check in the tutorials: what it checks, the answer it is compared with, the tolerance.'
HELPERS = {'test_close64': dict(atol=1e-8, rtol=1e-6), 'test_mc_mean': dict(z=5.0),
           'gradcheck64': dict(eps=1e-6, atol=1e-6, rtol=1e-4), 'gradcheck': dict(eps=1e-6, atol=1e-5, rtol=1e-3)}


def _name(f: ast.expr) -> str:
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ''


def _clip(s: str, n: int = 90) -> str:
    s = ' '.join(s.split())
    return s if len(s) <= n else s[:n - 1] + '…'


def _esc(text: str) -> str:
    "HTML-escaped, and safe from the markdown reader around the raw HTML: `*`, `_`, backquote, `$` and `\\` as entities."
    return html.escape(text).translate({ord(c): f'&#{ord(c)};' for c in '*_`$\\'})


def _cell(text: str, code: bool) -> str:
    return f'<code>{_esc(text)}</code>' if code else _esc(text)


def _kind(helper: str, cell: str) -> str:
    if helper == 'test_mc_mean': return 'Monte Carlo, tolerance from the standard error'
    if helper.startswith('gradcheck'): return 'gradcheck (finite differences, float64)'
    if re.search(r'\bintegrate\.|\bquad\w*\(|trapezoid|\bsimpson', cell): return 'quadrature'
    if re.search(r'itertools\.product|\bproduct\(|enum|all_states|all_configs', cell): return 'enumeration'
    return 'closed form or an independent computation'


def cell_checks(src: str) -> list[dict]:
    "The checks in one cell's source, in order."
    src = '\n'.join('' if re.match(r'\s*[%!]', l) else l for l in src.splitlines())   # IPython magics
    try: tree = ast.parse(src)
    except SyntaxError: return []
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) == 'test_fail':
            skip |= {id(n) for a in node.args for n in ast.walk(a)}
    lines, out = src.splitlines(), []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _name(node.func) in HELPERS) or id(node) in skip: continue
        helper, seg = _name(node.func), lambda n: ast.get_source_segment(src, n) or ''
        kw = {k.arg: k.value for k in node.keywords if k.arg}
        comment = lines[node.lineno - 1].partition('  # ')[2].strip() if node.lineno <= len(lines) else ''
        above = lines[node.lineno - 2].strip() if node.lineno >= 2 else ''      # a comment line just above
        name, code = kw.get('name'), False
        if isinstance(name, ast.Constant): what = str(name.value)
        elif comment: what = comment                       # a comment on the line says it in words (an f-string name cannot)
        elif name is not None: what, code = seg(name), True
        elif above.startswith('#'): what = above.lstrip('# ')
        else: what, code = (seg(node.args[0]) if node.args else ''), True
        if helper.startswith('gradcheck'): ref = 'finite differences'
        else: ref = seg(node.args[1]) if len(node.args) > 1 else seg(kw['exact']) if 'exact' in kw else ''
        tol = {k: seg(kw[k]) if k in kw else repr(v) for k, v in HELPERS[helper].items()}
        out.append(dict(line=node.lineno, helper=helper, what=_clip(what), code=code, ref=_clip(ref), kind=_kind(helper, src),
                        tol=', '.join(f'{k} {v}' for k, v in tol.items())))
    return sorted(out, key=lambda c: c['line'])


def _test_cell_rows(nb_path: Path, read) -> list[dict]:
    "What `read` finds in each test cell (code, not exported) of a notebook, with the ids of its cell and of the cells before it."
    rows, before = [], []
    for cell in json.loads(nb_path.read_text())['cells']:
        before.append(cell.get('id', ''))
        src = ''.join(cell['source'])
        if cell['cell_type'] != 'code' or re.search(r'^#\|\s*export', src, re.M): continue
        rows += [dict(c, cell=cell.get('id', ''), before=list(before)) for c in read(src)]
    return rows


def notebook_checks(nb_path: Path) -> list[dict]:
    "Every check of a notebook, with the id of its cell (and of the cells before it, to find one on the page)."
    return _test_cell_rows(nb_path, cell_checks)


def _ordering(test: ast.expr) -> bool:
    "Whether an assert's condition compares numbers by order (<, <=, >, >=), not sets or types."
    cmps = [n for n in ast.walk(test) if isinstance(n, ast.Compare)]
    orders = [c for c in cmps if any(isinstance(o, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for o in c.ops)]
    sets = lambda c: any(isinstance(x, (ast.Set, ast.SetComp)) or (isinstance(x, ast.Call) and _name(x.func) == 'set')
                         for x in [c.left, *c.comparators])
    return bool(orders) and not any(sets(c) for c in orders)


def cell_asserts(src: str) -> list[dict]:
    "The asserted comparisons in one cell's source (bounds in order, biases, variance ratios, improvements), in order."
    src = '\n'.join('' if re.match(r'\s*[%!]', l) else l for l in src.splitlines())
    try: tree = ast.parse(src)
    except SyntaxError: return []
    lines, out = src.splitlines(), []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assert) and _ordering(node.test)): continue
        comment = lines[node.lineno - 1].partition('  # ')[2].strip()
        above = lines[node.lineno - 2].strip() if node.lineno >= 2 else ''
        cond = ast.get_source_segment(src, node.test) or ''
        if comment: what, code = comment, False
        elif above.startswith('#') and not above.startswith('#|'): what, code = above.lstrip('# '), False
        else: what, code = cond, True
        out.append(dict(line=node.lineno, what=_clip(what), code=code, cond=_clip(cond, 120)))
    return sorted(out, key=lambda c: c['line'])


def notebook_asserts(nb_path: Path) -> list[dict]:
    "Every asserted comparison of a notebook's test cells, with the ids of its cell and of the cells before it."
    return _test_cell_rows(nb_path, cell_asserts)


def _link(c: dict, page: str, ids: dict[str, set]) -> str:
    shown = [x for x in reversed(c['before']) if x in ids.get(page, ())]
    link = f'{page}#{shown[0]}' if shown else page
    return f'<a href="{link}">{"cell" if shown and shown[0] == c["cell"] else "hidden test cell"}</a>'


def markdown(nbs: list[Path], titles: dict[str, str], page_of, ids: dict[str, set]) -> str:
    "The page as markdown (raw HTML tables): one section per notebook, a row per check and per asserted comparison."
    total, n_asserts, parts = 0, 0, []
    for nb in nbs:
        checks, asserts = notebook_checks(nb), notebook_asserts(nb)
        if not checks and not asserts: continue
        page, part = page_of(nb), f'## {titles[nb.name]}\n\n'
        if checks:
            rows = [f'<tr data-nb="{nb.name}" data-cell="{c["cell"]}"><td>{i}</td><td>{_cell(c["what"], c["code"])}</td>'
                    f'<td><code>{_esc(c["ref"])}</code></td><td>{_esc(c["kind"])}</td>'
                    f'<td><code>{_esc(c["tol"])}</code></td><td>{_link(c, page, ids)}</td></tr>'
                    for i, c in enumerate(checks, 1)]
            part += (f'{len(checks)} checks in [{nb.name}]({page}).\n\n'
                     '<table class="checks"><thead><tr><th>#</th><th>what is checked</th><th>compared with</th>'
                     '<th>kind of answer</th><th>tolerance</th><th>where</th></tr></thead><tbody>\n'
                     + '\n'.join(rows) + '\n</tbody></table>\n\n')
        if asserts:
            rows = [f'<tr data-nb="{nb.name}" data-cell="{c["cell"]}" data-kind="assert"><td>{i}</td>'
                    f'<td>{_cell(c["what"], c["code"])}</td><td><code>{_esc(c["cond"])}</code></td>'
                    f'<td>{_link(c, page, ids)}</td></tr>' for i, c in enumerate(asserts, 1)]
            part += (f'{len(asserts)} asserted comparisons (orderings, biases, variance ratios, improvements).\n\n'
                     '<table class="checks"><thead><tr><th>#</th><th>what is asserted</th><th>condition</th>'
                     '<th>where</th></tr></thead><tbody>\n' + '\n'.join(rows) + '\n</tbody></table>\n')
        total, n_asserts = total + len(checks), n_asserts + len(asserts)
        parts.append(part)
    head = (f'Every exactness check the tutorials run: {total} calls of `test_close64` (float64, `|a - b| <= atol + '
            'rtol·|b|`), `test_mc_mean` (a Monte Carlo mean within `z` standard errors of the exact mean) and '
            '`gradcheck64` (autograd against finite differences), read off the notebooks when the site is built. '
            '"Kind of answer" is inferred from the cell (scipy quadrature, enumeration of states, otherwise a closed '
            'form or an independent computation); "where" links to the cell, or for a hidden test cell to the cell '
            'shown just before it. Checks inside `test_fail` (which test the helpers themselves) are left out. '
            f'Below each notebook\'s checks, its {n_asserts} asserted comparisons in all: the orderings, biases, '
            'variance ratios and improvements that a test cell asserts with `<`, `<=`, `>` or `>=`, '
            'with their conditions as written.\n\n')
    return head + '\n'.join(parts)
