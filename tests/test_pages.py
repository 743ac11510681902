"""Fast checks of the notebooks' text (nothing is executed): no notebook repeats a cell, and no cell holds a control
character (a TAB, a backspace, a form feed...), neither in its text nor in the strings its code writes: `'\\times'`
in a Python string is a TAB followed by `imes`. Then checks of the rendered site: no page shows a Python warning
or a traceback, and every row of the "What is checked" page says in words what it checks. And every code cell the
docs show that ends on a value (or prints) has its output saved, unless it ends with `;`, Jupyter's mark for a cell
that is silent on purpose; and a cell that imports does nothing else, so that the docs build runs it without a warning."""
import ast, html, json, os, re, sys
from pathlib import Path
import pytest
from conftest import ROOT, NBS

sys.path.insert(0, str(ROOT/'tools'))
import build_docs

CONTROL = re.compile(r'[\x00-\x09\x0b-\x1f\x7f]')        # every C0 control but the newline, and DEL


def _cells(nb):
    return json.loads((ROOT/'nbs'/nb).read_text())['cells']


def _src(cell): return ''.join(cell['source'])


def _controls(text: str) -> list[str]:
    return sorted({repr(c) for c in CONTROL.findall(text)})


def _python(src: str) -> str:
    "A code cell as Python: IPython's `%magic` and `!shell` lines blanked (cell directives are comments already)."
    return '\n'.join('' if re.match(r'\s*[%!]', line) else line for line in src.splitlines())


def _strings(src: str):
    "(line, value) of every str constant in a code cell, f-string parts included."
    try: tree = ast.parse(_python(src))
    except SyntaxError: return []
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


# calls that return nothing worth showing: a cell ending on one of these is silent by nature
_SILENT = re.compile(r'test_\w*|close|seed_everything|manual_seed|sleep|backward|step|zero_grad|cleanup|write_text|mkdir'
                     r'|unlink|rmtree|append|update|load_state_dict|fit|refresh|set_num_threads')


def _shows_something(src: str) -> bool:
    "Whether a code cell the docs show ends on a displayed value or prints (hidden, exported and GPU cells: no)."
    if not src.strip() or re.search(r'^#\|\s*(hide|export|exporti|exports|cuda)\b', src, re.M): return False
    body = _python(src)
    try: tree = ast.parse(body)
    except SyntaxError: return False
    if not tree.body or body.rstrip().endswith(';'): return False
    last, name = tree.body[-1], ''
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        f = last.value.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ''
    ends_on_value = isinstance(last, ast.Expr) and not _SILENT.fullmatch(name or '-')
    prints = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ('print', 'display')
                 for n in ast.walk(tree))
    return ends_on_value or prints


def test_shows_something_rule():
    assert _shows_something('x = 1\nx') and _shows_something("print('a')\nx = 2") and _shows_something('fig')
    assert not _shows_something('x = 1') and not _shows_something('fig;') and not _shows_something('def f(): pass')
    assert not _shows_something('test_eq(1, 1)') and not _shows_something("plt.close('all')")
    assert not _shows_something('#| hide\nx') and not _shows_something('#| cuda\nx')


@pytest.mark.parametrize('nb', NBS)
def test_result_cells_have_saved_outputs(nb):
    "A cell the docs show that ends on a value or prints must show it: its output is saved in the notebook."
    bad = [f'cell {i} ({c.get("id")}): ...{_src(c)[-70:]!r}' for i, c in enumerate(_cells(nb))
           if c['cell_type'] == 'code' and _shows_something(_src(c)) and not c.get('outputs')]
    assert not bad, f'{nb}: {len(bad)} cells show nothing on the page although they end on a value or print ' \
                    '(run them and save the notebook, or end the cell with ";" if it is silent on purpose):\n' + '\n'.join(bad)


@pytest.mark.parametrize('nb', NBS)
def test_no_duplicate_cells(nb):
    "No two cells of a notebook have the same (non-empty) text."
    seen, dups = {}, []
    for cell in _cells(nb):
        src = _src(cell).strip()
        if not src: continue
        key = (cell['cell_type'], src)
        if key in seen: dups.append(f'{cell["id"]} repeats {seen[key]}')
        else: seen[key] = cell['id']
    assert not dups, f'{nb}: {len(dups)} duplicated cells (cell ids): {", ".join(dups)}'


@pytest.mark.parametrize('nb', NBS)
def test_no_control_characters(nb):
    "No control character (TAB, backspace, form feed, ...) in a cell's text, nor in the strings a code cell writes."
    bad = []
    for cell in _cells(nb):
        src = _src(cell)
        if found := _controls(src): bad.append(f'{cell["id"]} ({cell["cell_type"]} text): {", ".join(found)}')
        if cell['cell_type'] != 'code': continue
        for line, value in _strings(src):
            if found := _controls(value): bad.append(f'{cell["id"]} (string on line {line}): {", ".join(found)}')
    assert not bad, f'{nb}: control characters in cells: ' + '; '.join(bad)


def _mixes_imports(src: str) -> bool:
    """Whether the docs build would warn about a cell: nbdev runs every cell that imports (to render the API entries)
    and warns when such a cell also holds other code (an expression or an assignment, at any depth)."""
    if 'nbdev_export()' in src or re.search(r'^#\|\s*(export|exports|exporti|exec_doc)\b|^#\|\s*eval:\s*false', src, re.M | re.I):
        return False
    try: nodes = list(ast.walk(ast.parse(_python(src))))
    except SyntaxError: return False
    return any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in nodes) and any(isinstance(n, (ast.Expr, ast.Assign)) for n in nodes)


def test_mixes_imports_rule():
    assert _mixes_imports('import torch\ntorch.set_num_threads(1)') and _mixes_imports("from pathlib import Path\nROOT = Path('..')")
    assert _mixes_imports('import math\ndef f():\n    "doc"\n    return 1')
    assert not _mixes_imports('import torch\nfrom torch import nn') and not _mixes_imports('#| export\nimport torch\nx = 1')
    assert not _mixes_imports("script = \'\'\'\nimport torch\n\'\'\'")


@pytest.mark.parametrize('nb', NBS)
def test_imports_stand_alone(nb):
    "In a notebook with API entries, a cell that imports does nothing else: the docs build runs such cells, and warns about the others."
    cells = _cells(nb)
    if not any(c['cell_type'] == 'code' and re.search(r'^#\|\s*export', _src(c), re.M) for c in cells): return
    bad = [f'cell {i} ({c.get("id")}): {_src(c)[:70]!r}...' for i, c in enumerate(cells)
           if c['cell_type'] == 'code' and _mixes_imports(_src(c))]
    assert not bad, f'{nb}: {len(bad)} cells import and also run other code (split them):\n' + '\n'.join(bad)


def test_checks_find_the_defects_they_name():
    "The checks above catch a repeated cell, a TAB in markdown and a `\\t` that a string literal turns into a TAB."
    assert _controls('a\tb\x08c\x0cd\ne') == ["'\\t'", "'\\x08'", "'\\x0c'"]
    assert _strings("#| export\n%time x = 1\nlabel = r'$\\times$' + '$\\times$'\nf'{x}\\b'") == [
        (3, '$\\times$'), (3, '$\times$'), (4, '\x08')]
    assert [v for _, v in _strings("s = '\\times'") if _controls(v)] == ['\times']
    assert not [v for _, v in _strings("s = r'\\times' + '\\\\times' + 'a\\nb'") if _controls(v)]


def test_no_warnings_or_tracebacks_on_pages(site):
    "No page shows a Python warning or a traceback that a cell printed when its outputs were saved."
    pat = re.compile(r'\b\w*Warning: |Traceback \(most recent call last\)')
    bad = []
    for page in sorted(site.glob('*.html')):
        text = build_docs._text(page.read_text())
        bad += [f'{page.name}: ...{text[max(0, m.start() - 80):m.end() + 80]}...' for m in pat.finditer(text)]
    assert not bad, f'{len(bad)} warnings or tracebacks on the pages: ' + '\n'.join(bad)


RAW_TEX = re.compile(r'\$[^$]{0,60}?\\[A-Za-z]+')


def _raw_tex(fragment: str) -> list[str]:
    "TeX that pandoc left as text: a `$` and a backslash command in the prose of a page (code and maths removed)."
    fragment = re.sub(r'<(pre|code)\b.*?</\1>', ' ', fragment, flags=re.S)
    return [m.group(0) for m in RAW_TEX.finditer(build_docs._text(fragment))]


def test_no_raw_tex_on_pages(site):
    "Every maths string became maths: pandoc leaves `$x + $` (a space before the closing dollar) as raw text."
    assert _raw_tex('<p>$\\eta_0 + $ <code>$\\a$</code></p><math>$\\b$</math>') == ['$\\eta']
    bad = [f'{page.name}: {t}' for page in sorted(site.glob('*.html')) for t in _raw_tex(page.read_text())]
    assert not bad, f'{len(bad)} maths strings left as raw TeX: ' + '; '.join(bad)


def _not_prose(label: str) -> str:
    "Why a label of the 'What is checked' page is not prose ('' when it is)."
    if re.fullmatch(r'\s*[\w.\[\]\'"]+\s*', label): return 'a bare name'
    if re.search(r"[{}]|\bf['\"]", label): return 'f-string source'
    if len(label.split()) < 2: return 'fewer than two words'
    return ''


def test_check_labels_are_prose(site):
    "Every row of the 'What is checked' page says in words what it checks: no bare variable name, no f-string source."
    assert [_not_prose(s) for s in ('name', 'k', 's1', "f'{name}, {k}'", 'exact_phi', "draws['phi']", 'mean')] == [
        'a bare name', 'a bare name', 'a bare name', 'f-string source', 'a bare name', 'a bare name', 'a bare name']
    assert _not_prose('sleep-q') == 'fewer than two words' and not _not_prose('ELBO equals log p(x) - KL(q || p)')
    page = (site/'checks.html').read_text()
    rows = re.findall(r'<tr data-nb="([^"]+)" data-cell="([^"]*)"(?: data-kind="\w+")?>\s*<td>\s*(\d+)\s*</td>\s*<td>(.*?)</td>',
                      page, re.S)
    assert len(rows) > 100 and sum('data-kind="assert"' in r for r in re.findall(r'<tr data-nb=[^>]*>', page)) > 50
    bad = []
    for nb, cell, i, td in rows:
        label = html.unescape(' '.join(td.split()))
        if '<code>' in label: why = 'code'
        else: why = _not_prose(label)
        if why: bad.append(f'{nb} row {i} (cell {cell}): {label!r} is {why}')
    assert not bad, f'{len(bad)} labels of checks.html do not say what is checked: ' + '\n'.join(bad)
    tables = ''.join(re.findall(r'<table class="checks">.*?</table>', page, re.S))
    mangled = re.findall(r'<(?:em|strong)>[^<]{0,40}', tables)      # markdown read * or _ of the code as emphasis
    assert not mangled, f'code on checks.html rendered as emphasis: {mangled[:3]}'

