"""The docs site renders without Quarto: every page builds, carries an API entry for each public name of its module,
its maths and its figures. (The build runs the cells nbdev runs for docs, so this also catches notebooks whose
import cells depend on code that the docs build does not run.)"""
import ast, configparser, importlib, json, os, re, sys
from pathlib import Path
from urllib.parse import unquote, urlsplit
import pytest
from conftest import ROOT, NBS

sys.path.insert(0, str(ROOT/'tools'))
import build_docs, docs_check


def _module(nb):
    for cell in json.loads((ROOT/'nbs'/nb).read_text())['cells']:
        m = re.search(r'#\|\s*default_exp\s+(\S+)', ''.join(cell['source']))
        if m: return f'rpm_nb.{m[1]}'


def _pages(site): return sorted(site.glob('*.html'))


@pytest.mark.parametrize('nb', NBS)
def test_page_has_api_entries(site, nb):
    page = (site/build_docs.page_name(ROOT/'nbs'/nb)).read_text()
    assert 'href="index.html"' in page                                   # site navigation
    assert '#| export' not in page and 'nbdev_export()' not in page      # directives and hidden cells are gone
    mod = _module(nb)
    if mod:
        m = importlib.import_module(mod)
        for name in m.__all__:                                          # functions and classes (constants have none)
            if callable(getattr(m, name)): assert f'id="{name.lower()}"' in page.lower(), f'{nb}: no API entry for {name}'


def test_maths_and_figures(site):
    assert '<math display="block"' in (site/'core.html').read_text()  # the log-mean-exp derivation, as MathML
    page = (site/'plots.html').read_text()
    imgs = re.findall(r'<img\s[^>]*?src="([^"]+)"', page)
    assert imgs, 'no figures on the plots page'
    for src in imgs: assert (site/src).is_file() and (site/src).stat().st_size > 1000, src


def test_saved_progress_bars_left_out(site):
    "A tqdm widget saved by a notebook run shows only its first state, so pages leave it out; other widgets stay."
    bar = {'data': {'application/vnd.jupyter.widget-view+json': {}, 'text/plain': '  0%|          | 0/708 [00:00<?, ?step/s]'}}
    other = {'data': {'application/vnd.jupyter.widget-view+json': {}, 'text/plain': "interactive(children=(IntSlider(value=0),))"}}
    assert build_docs._is_progress_widget(bar) and not build_docs._is_progress_widget(other)
    assert not build_docs._is_progress_widget({'text': ' 50%|#####     | 354/708 [01:00<01:00]'})     # plain text output
    assert '0/708' not in (site/'rpm_discrete.html').read_text()


def test_internal_links_resolve(site):
    "Every link inside the site reaches an existing page and anchor; `../` links reach a file of the repository."
    ids = {p.name: set(re.findall(r'\sid="([^"]+)"', p.read_text())) for p in _pages(site)}
    bad = []
    for p in _pages(site):
        for href in re.findall(r'(?:href|src)="([^"]*)"', p.read_text()):
            u = urlsplit(href)
            if u.scheme or u.netloc: continue
            if u.path.startswith('../'):
                if not (ROOT/u.path[3:]).exists(): bad.append((p.name, href))
                continue
            page = u.path or p.name
            if not (site/page).exists(): bad.append((p.name, href))
            elif u.fragment and page.endswith('.html') and unquote(u.fragment) not in ids[page]: bad.append((p.name, href))
    assert not bad, f'{len(bad)} links to nowhere: {bad[:20]}'


def test_no_links_to_unpublished_hosts(site):
    "Until settings.ini says the site is published, nothing links to its doc host or git host."
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini'); cfg = cfg['DEFAULT']
    if cfg.get('site_published', 'false').lower() in ('1', 'true', 'yes'): pytest.skip('site configured as published')
    hosts = [cfg['doc_host'].rstrip('/'), cfg['git_url'].rstrip('/')]
    for p in _pages(site) + [ROOT/'README.md']:
        text = p.read_text()
        for h in hosts: assert h not in text, f'{p.name} links to {h}, which is not published'


def test_titles_have_no_raw_markdown(site):
    "Titles and subtitles are rendered as markdown: no literal backticks (the Core subtitle had some)."
    for p in _pages(site):
        head = re.search(r'<header id="title-block-header">(.*?)</header>', p.read_text(), re.S)
        assert head and '`' not in head[1], f'{p.name}: raw markdown in the title block'
    assert '<code>log_mean_exp</code>' in re.search(r'<p class="subtitle">(.*?)</p>', (site/'core.html').read_text(), re.S)[1]


def test_no_figure_shown_twice(site):
    "No cell shows the same figure twice in a row (a figure both displayed and returned)."
    for p in _pages(site):
        for cell in re.split(r'<div class="cell', p.read_text()):
            srcs = re.findall(r'<img\s[^>]*?src="([^"]+)"', cell)
            assert not [a for a, b in zip(srcs, srcs[1:]) if a == b], f'{p.name}: a figure shown twice in one cell'


def test_underbrace_has_its_brace(site):
    "An under-brace is drawn: MathML <munder> over a stretchy brace (a non-stretchy one renders as a dot-sized glyph)."
    n = 0
    for p in _pages(site):
        for m in re.findall(r'<math\b.*?</math>', p.read_text(), re.S):
            if '\\underbrace' in m:
                n += 1
                assert re.search(r'<munder>.*<mo stretchy="true">⏟</mo></munder>', m, re.S), f'{p.name}: brace missing'
    assert n >= 2                                                        # one in 05, one in 10


@pytest.mark.parametrize('nb', NBS)
def test_page_navigation(site, nb):
    "Each page has its contents, the sidebar sections, previous/next links in teaching order and the search box."
    order = [n for _, ns in build_docs.sidebar() for n in ns]
    page = (site/build_docs.page_name(ROOT/'nbs'/nb)).read_text()
    h2 = re.findall(r'<h2[^>]*\sid="([^"]+)"', page)
    toc = re.search(r'<nav id="TOC".*?</nav>', page, re.S)
    if h2: assert toc and all(f'href="#{i}"' in toc[0] for i in h2), f'{nb}: contents missing or incomplete'
    for section, _ in build_docs.sidebar():
        if section: assert f'<div class="section">{section}</div>' in page
    pager = re.search(r'<nav class="pager">(.*?)</nav>', page, re.S)[1]
    i = order.index(nb)
    if i: assert f'href="{build_docs.page_name(Path(order[i-1]))}"' in pager
    if i + 1 < len(order): assert f'href="{build_docs.page_name(Path(order[i+1]))}"' in pager
    assert 'id="search"' in page and 'src="search-index.js"' in page


def test_search_index_and_phone_layout(site):
    "The search index covers every page (as a script, so it loads from file://); the layout has a phone-width rule."
    text = (site/'search-index.js').read_text()
    assert text.startswith('window.SEARCH_INDEX = ')
    index = json.loads(text[len('window.SEARCH_INDEX = '):].rstrip().rstrip(';'))
    assert {e[0] for e in index} >= {build_docs.page_name(ROOT/'nbs'/nb) for nb in NBS}
    assert any('log_mean_exp' in e[4] for e in index if e[0] == 'core.html')
    assert re.search(r'@media \(max-width: \d+px\)', (site/'style.css').read_text())


def test_checks_page_lists_every_check(site):
    "The 'What is checked' page has a row for every exactness check of every notebook, with a tolerance and a link."
    page = (site/'checks.html').read_text()
    rows = re.findall(r'<tr data-nb="([^"]+)" data-cell="([^"]*)">(.*?)</tr>', page, re.S)
    call = r'\b(?:test_close64|test_mc_mean|gradcheck64|gradcheck)\('
    total = 0
    for nb in NBS:
        for cell in json.loads((ROOT/'nbs'/nb).read_text())['cells']:
            src = ''.join(cell['source'])
            if cell['cell_type'] != 'code' or re.search(r'^#\|\s*export', src, re.M): continue
            n = len(re.findall(call, src)) - len(re.findall(r'test_fail\(\s*lambda:[^\n]*?' + call, src))
            listed = [r for r in rows if r[:2] == (nb, cell['id'])]
            assert len(listed) == n, f'{nb}, cell {cell["id"]}: {n} checks, {len(listed)} on the page'
            total += n
    assert total > 100 and len(rows) == total
    for _, _, row in rows: assert re.search(r'(atol|z|eps) [\d.e-]', row) and '<a href="' in row


def test_checks_page_lists_every_asserted_comparison(site):
    "Below the exactness checks, the page lists every assert of a test cell that orders numbers, with its condition."
    page = (site/'checks.html').read_text()
    rows = re.findall(r'<tr data-nb="([^"]+)" data-cell="([^"]*)" data-kind="assert">(.*?)</tr>', page, re.S)
    def ordering(node):                                # an assert whose condition compares numbers by <, <=, > or >=
        cmps = [c for c in ast.walk(node.test) if isinstance(c, ast.Compare)
                and any(type(o).__name__ in ('Lt', 'LtE', 'Gt', 'GtE') for o in c.ops)]
        return cmps and not any(isinstance(x, ast.Set) or getattr(getattr(x, 'func', None), 'id', '') == 'set'
                                for c in cmps for x in [c.left, *c.comparators])
    total = 0
    for nb in NBS:
        for cell in json.loads((ROOT/'nbs'/nb).read_text())['cells']:
            src = ''.join(cell['source'])
            if cell['cell_type'] != 'code' or re.search(r'^#\|\s*export', src, re.M): continue
            tree = ast.parse('\n'.join('' if re.match(r'\s*[%!]', l) else l for l in src.splitlines()))
            n = sum(1 for a in ast.walk(tree) if isinstance(a, ast.Assert) and ordering(a))
            listed = [r for r in rows if r[:2] == (nb, cell['id'])]
            assert len(listed) == n, f'{nb}, cell {cell["id"]}: {n} asserted comparisons, {len(listed)} on the page'
            total += n
    assert total > 50 and len(rows) == total
    for _, _, row in rows: assert row.count('<code>') >= 1 and '<a href="' in row


@pytest.mark.skipif(not docs_check.chromium(), reason='Chromium is not installed')
def test_pages_load_in_chromium(site):
    "Every page loads in headless Chromium at desktop and phone width without errors or broken images."
    found = docs_check.check_site(site)
    assert len(found) == 2 * len(_pages(site))
    assert not {page: errs for page, errs in found.items() if errs}
    assert (site/'_screenshots'/'index.png').stat().st_size > 10_000
