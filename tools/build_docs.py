"""Render the docs site into `_docs/` without Quarto, and write README.md from nbs/index.ipynb.

Where Quarto is installed, `nbdev_docs` builds the site from `nbs/_quarto.yml` as usual. Where it is not (it has no
Debian package, and its pip package downloads the binary at install time), this script does the same job with what
Debian ships: nbdev's own notebook processing (`nbdev.serve.proc_nbs`: it runs the `show_doc` cells, hides `#| hide`
cells, turns the title cell into front matter and links names to their docs), the cell options Quarto would apply,
then `pandoc -f ipynb` for each page: MathML for the maths, a table of contents, the sidebar sections of
nbs/sidebar.yml, previous/next links in teaching order, and search over all pages from an index written as a script
(so it loads from file://). Layout, search and the cell filter are in tools/docs/; the "What is checked" page is made
by tools/checks_page.py, and tools/docs_check.py loads every page in headless Chromium. A PyPI site generator
(MkDocs + Material + mkdocs-jupyter) was considered instead: more pinned packages, a local MathJax for offline maths,
and nbdev's processing still needed first; pandoc already writes MathML, so the layer on top of it stays small.

    python tools/build_docs.py                # the whole site
    python tools/build_docs.py --readme-only  # README.md only
    python tools/build_docs.py --only 00_core.ipynb --dest /tmp/site
"""
from __future__ import annotations
import argparse, ast, html, inspect, io, json, os, re, shutil, subprocess, sys, tempfile, textwrap, tokenize
import yaml
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
import checks_page

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'

ASSETS = ROOT/'tools'/'docs'     # style.css, search.js, cells.lua


def settings() -> dict:
    import configparser
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    return dict(cfg['DEFAULT'])


def published() -> bool:
    "Whether `doc_host` and `git_url` of settings.ini are live; until then links to them are made local."
    return settings().get('site_published', 'false').strip().lower() in ('1', 'true', 'yes')


def page_name(nb: Path) -> str:
    "nbdev's page name: `02a_plots.ipynb` -> `plots.html` (the names the doc links in rpm_nb/_modidx.py use)."
    return re.sub(r'^\d+[a-zA-Z0-9]*_', '', nb.name.lower()).rsplit('.', 1)[0] + '.html'


def notebooks(only=None) -> list[Path]:
    nbs = sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    if only: nbs = [p for p in nbs if p.name in only]
    return nbs


def _class_source(cls) -> tuple[str, ast.ClassDef] | None:
    """The source text holding the `class` statement of a NamedTuple `cls`, and that statement; for a class defined in
    a notebook's shell (no source file), the exported module's."""
    try: texts = [textwrap.dedent(inspect.getsource(cls))]
    except (OSError, TypeError): texts = [f.read_text() for f in sorted((ROOT/settings()['lib_path']).glob('*.py'))]
    for text in texts:
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
                names = [a.target.id for a in node.body if isinstance(a, ast.AnnAssign) and isinstance(a.target, ast.Name)]
                if tuple(names) == tuple(cls._fields): return text, node
    return None


def namedtuple_fields(cls) -> dict | None:
    """The fields of a NamedTuple class as docments of its parameters (type, default and the comment on each
    `name: type # comment` line), or None for anything else. nbdev's `show_doc` documents a class by its `__init__`,
    which for a NamedTuple is `(*args, **kwargs)`; with these it shows the fields."""
    import fastcore.docments as fd
    if not (isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, '_fields')): return None
    found = _class_source(cls)
    if found is None: return None
    text, node = found
    comments = {t.start[0]: t.string.lstrip('#').strip()
                for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT}
    return {a.target.id: fd.AttrDict(docment=comments.get(a.lineno), anno=ast.unparse(a.annotation),
                                     default=cls._field_defaults.get(a.target.id, fd.empty),
                                     kind=inspect.Parameter.POSITIONAL_OR_KEYWORD)
            for a in node.body if isinstance(a, ast.AnnAssign) and isinstance(a.target, ast.Name)}


def _show_namedtuple_fields() -> None:
    "Make `show_doc` (fastcore's docments) list a NamedTuple's fields with their comments, as it does a dataclass's."
    import fastcore.docments as fd
    if getattr(fd.docments, 'namedtuple_aware', False): return
    orig = fd.docments
    def docments(s, full=False, eval_str=False, returns=True, args_kwargs=False):
        fields = namedtuple_fields(s)
        if fields is None: return orig(s, full=full, eval_str=eval_str, returns=returns, args_kwargs=args_kwargs)
        return fd.AttrDict(fields if full else {k: v.docment for k, v in fields.items()})
    docments.namedtuple_aware = True
    fd.docments = docments


def process(dest: Path, only=None) -> Path:
    "Run nbdev's docs processing on the notebooks into a fresh folder; returns that folder."
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    _show_namedtuple_fields()
    from nbdev.serve_drv import exec_nb
    from nbdev.processors import FilterDefaults
    proc = dest/'_proc'
    if proc.exists(): shutil.rmtree(proc)
    proc.mkdir(parents=True)
    for nb in notebooks(only): exec_nb(nb, proc/nb.name, FilterDefaults)
    return proc


def _directives(src: str) -> tuple[dict, str]:
    "Split the `#| key: value` lines Quarto reads off a code cell's source."
    opts, keep = {}, []
    for line in src.splitlines():
        m = re.match(r'^#\|\s*([\w-]+)\s*:\s*(.*)$', line)
        if m: opts[m[1]] = m[2].strip()
        else: keep.append(line)
    return opts, '\n'.join(keep).strip('\n')


def _quarto_cell(cell: dict) -> dict | None:
    "Do for one code cell what Quarto would: `include`, `echo`, `output` options; None drops the cell."
    opts, src = _directives(''.join(cell['source']))
    if opts.get('include') == 'false': return None
    if opts.get('output') == 'false': cell['outputs'] = []
    if opts.get('output') == 'asis':
        md = [''.join(o['data']['text/markdown']) for o in cell.get('outputs', []) if 'text/markdown' in o.get('data', {})]
        return {'cell_type': 'markdown', 'metadata': {}, 'source': '\n\n'.join(md)}
    cell['source'] = '' if opts.get('echo') == 'false' else src
    if not cell['source'] and not cell.get('outputs'): return None
    return cell


_BAR = re.compile(r'^\s*\d+%\|.*\|\s*\d+/\S+\s*\[')

def _is_progress_widget(out: dict) -> bool:
    "A tqdm bar saved as a widget: a static page can only show its first state (0%), so it is left out."
    data = out.get('data', {})
    return 'application/vnd.jupyter.widget-view+json' in data and bool(_BAR.match(''.join(data.get('text/plain', ''))))


def pandoc_ready(nb_path: Path) -> dict:
    "Load a processed notebook, apply the Quarto cell options and remove what pandoc 2.17's ipynb reader rejects."
    nb = json.loads(nb_path.read_text())
    nb.get('metadata', {}).pop('has_sd', None)
    cells = []
    for cell in nb['cells']:
        cell.get('metadata', {}).pop('has_sd', None)
        if cell['cell_type'] == 'code':
            cell = _quarto_cell(cell)
            if cell is None: continue
            if cell['cell_type'] == 'code' and cell.get('execution_count') is None: cell['execution_count'] = 0
        if 'outputs' in cell: cell['outputs'] = [o for o in cell['outputs'] if not _is_progress_widget(o)]
        for out in cell.get('outputs', []):
            if out.get('output_type') == 'execute_result' and out.get('execution_count') is None:
                out['execution_count'] = 0
        cells.append(cell)
    nb['cells'] = cells
    return nb


def front_matter(nb: dict) -> dict:
    "The title/description front matter nbdev's processing put in the first raw cell."
    for cell in nb['cells']:
        if cell['cell_type'] != 'raw': continue
        src = ''.join(cell['source'])
        if src.startswith('---'): return yaml.safe_load(src.strip().strip('-')) or {}
    return {}


def notebook_title(nb: Path) -> str:
    "The `# Title` of a notebook's first markdown cell (what nbdev turns into the page title)."
    for cell in json.loads(nb.read_text())['cells']:
        src = ''.join(cell['source']).strip()
        if cell['cell_type'] == 'markdown' and src.startswith('# '): return src.splitlines()[0][2:].strip()
    return nb.stem


def sidebar() -> list[tuple[str | None, list[str]]]:
    "The sidebar of nbs/sidebar.yml as (section title or None, notebook names); unlisted notebooks come last."
    secs = []
    for item in yaml.safe_load((NBS/'sidebar.yml').read_text())['website']['sidebar']['contents']:
        secs.append((None, [item]) if isinstance(item, str) else (item['section'], list(item['contents'])))
    listed = {n for _, ns in secs for n in ns}
    rest = [p.name for p in notebooks() if p.name not in listed]
    return secs + ([('Other pages', rest)] if rest else [])


def nav_html(secs, titles: dict[str, str], current: str) -> str:
    here = ' class="current"' if current == 'index.html' else ''
    out = [f'<nav id="site"><a href="index.html"{here}><b>{html.escape(settings()["lib_name"])}</b></a>',
           '<input id="search" type="search" placeholder="Search all pages" aria-label="Search all pages"/>',
           '<div id="search-results"></div><div class="links">']
    for title, nbs in secs:
        if title: out.append(f'<div class="section">{html.escape(title)}</div>')
        for nb in nbs:
            page = page_name(Path(nb))
            if page == 'index.html': continue                              # the site name above links there
            out.append(f'<a href="{page}"{" class=current" if page == current else ""}>{html.escape(titles[nb])}</a>')
    cur = ' class="current"' if current == 'checks.html' else ''
    out.append(f'<div class="section">Reference</div><a href="checks.html"{cur}>What is checked</a>')
    return '\n'.join(out) + '</div></nav>'


def after_html(order: list[str], titles: dict[str, str], current: str) -> str:
    "Previous/next links in the sidebar's (teaching) order, then the search scripts."
    pages = [page_name(Path(nb)) for nb in order]
    links = []
    if current in pages:
        i = pages.index(current)
        if i > 0: links.append(f'<a class="prev" href="{pages[i-1]}">← {html.escape(titles[order[i-1]])}</a>')
        if i + 1 < len(pages): links.append(f'<a class="next" href="{pages[i+1]}">{html.escape(titles[order[i+1]])} →</a>')
    return (f'<nav class="pager">{"".join(links)}</nav>\n'
            '<script src="search-index.js"></script><script src="search.js"></script>')


def render_page(src: str, fmt: str, out: Path, media: Path, meta: dict, before: str, after: str) -> None:
    "One page: pandoc from `src` (a notebook as JSON, or markdown) with the site's sidebar, contents and footer."
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp/'page').write_text(src); (tmp/'meta.yml').write_text(yaml.safe_dump(meta))
        (tmp/'before.html').write_text(before); (tmp/'after.html').write_text(after)
        # metadata from a file is read as markdown (so `code` in a subtitle is code); pandoc-style heading ids
        # keep the dots of `Class.method`, as nbdev's doc links expect
        cmd = ['pandoc', '-f', f'{fmt}-gfm_auto_identifiers+auto_identifiers', '-t', 'html5',
               '--standalone', '--mathml', '--toc', '--toc-depth=3', f'--lua-filter={ASSETS/"cells.lua"}',
               f'--metadata-file={tmp/"meta.yml"}', '--css', 'style.css', f'--include-before-body={tmp/"before.html"}',
               f'--include-after-body={tmp/"after.html"}', f'--extract-media={media}', '-o', str(out), str(tmp/'page')]
        subprocess.run(cmd, check=True, cwd=out.parent)


def page_meta(fm: dict, default: str) -> dict:
    return {'title': fm.get('title', default), **({'subtitle': fm['description']} if fm.get('description') else {})}


_LINK = re.compile(r'<a\s+href="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def localise(text: str, pages: dict[str, str]) -> str:
    """Links to the configured doc host and to sibling notebooks go to the local pages; source links, until the
    repository is published, to the file in this repository; under-braces stretch (MathML needs `stretchy`)."""
    cfg = settings()
    host = cfg['doc_host'].rstrip('/') + cfg['doc_baseurl'].rstrip('/') + '/'
    text = text.replace(f'href="{host}', 'href="')
    if not published(): text = text.replace(f'href="{cfg["git_url"].rstrip("/")}/blob/{cfg["branch"]}/', 'href="../')
    for nb, page in pages.items(): text = text.replace(f'href="{nb}', f'href="{page}')
    text = re.sub(r'\[`([\w.]+)`\]\([^)\s"]*\)', r'`\1`', text)      # nbdev links the names in signature comments
    text = re.sub(r'<math display="inline".*?</math>', _scrollable_if_long, text, flags=re.S)
    return re.sub(r'<mo accent="true">([⏟⏞])</mo>', r'<mo stretchy="true">\1</mo>', text)


def _scrollable_if_long(m) -> str:
    "Long inline maths in a span that style.css lets scroll on a phone (MathML does not wrap)."
    tex = re.search(r'<annotation encoding="application/x-tex">(.*?)</annotation>', m[0], re.S)
    return f'<span class="long-math">{m[0]}</span>' if tex and len(tex[1]) > 40 else m[0]


def drop_dead_links(site: Path) -> None:
    "A doc link to a name with no entry (a private helper) becomes plain code instead of a link to nowhere."
    ids = {p.name: set(re.findall(r'\sid="([^"]+)"', p.read_text())) for p in site.glob('*.html')}
    def fix(m, here):
        href = m[1]
        if re.match(r'[a-z][\w+.-]*:|\.\./', href): return m[0]
        page, _, frag = href.partition('#')
        page = page or here
        if page in ids and (not frag or frag in ids[page]): return m[0]
        return m[3] if page in ids else m[0]
    for p in site.glob('*.html'): p.write_text(_LINK.sub(lambda m: fix(m, p.name), p.read_text()))


def _text(fragment: str) -> str:
    fragment = re.sub(r'<(script|style|nav|math)\b.*?</\1>', ' ', fragment, flags=re.S)
    return re.sub(r'\s+', ' ', html.unescape(re.sub(r'<[^>]+>', ' ', fragment))).strip()


def search_index(site: Path, order: list[str]) -> list[list[str]]:
    "One entry per section (h2/h3) of each page: page, page title, section id, section title, its text."
    entries = []
    for page in [page_name(Path(n)) for n in order] + ['checks.html']:
        if not (site/page).exists(): continue
        doc = (site/page).read_text()
        title = _text(re.search(r'<title>(.*?)</title>', doc, re.S)[1])
        body = doc[doc.find('</header>') + 9:] if '</header>' in doc else doc
        parts = re.split(r'(<h[23][^>]*\sid="[^"]+"[^>]*>.*?</h[23]>)', body, flags=re.S)
        sid, stitle = '', ''
        for part in parts:
            h = re.match(r'<h[23][^>]*\sid="([^"]+)"[^>]*>(.*?)</h[23]>', part, re.S)
            if h: sid, stitle = h[1], _text(h[2]); continue
            text = _text(part)
            if text or stitle: entries.append([page, title, sid, stitle, text])
    return entries


def build_site(dest: Path, only=None) -> list[Path]:
    if not shutil.which('pandoc'):
        sys.exit('pandoc not found: install it with `apt-get install pandoc` (or run `make install`), '
                 'or build with Quarto via `nbdev_docs` where Quarto is installed.')
    dest.mkdir(parents=True, exist_ok=True)
    secs = sidebar()
    order = [nb for _, nbs in secs for nb in nbs]
    titles = {p.name: notebook_title(p) for p in notebooks()}
    with tempfile.TemporaryDirectory() as tmp:
        proc = process(Path(tmp), only)
        nbs = {p.name: pandoc_ready(p) for p in sorted(proc.glob('*.ipynb'))}
        pages = {name: page_name(Path(name)) for name in nbs}
        for f in ('style.css', 'search.js'): shutil.copy(ASSETS/f, dest/f)
        written = []
        for name, nb in nbs.items():
            out = dest/pages[name]
            render_page(json.dumps(nb), 'ipynb+link_attributes', out, Path('media')/out.stem,
                        page_meta(front_matter(nb), out.stem), nav_html(secs, titles, pages[name]),
                        after_html(order, titles, pages[name]))
            out.write_text(localise(out.read_text(), pages))
            written.append(out)
    ids = {p.name: set(re.findall(r'\sid="([^"]+)"', p.read_text())) for p in dest.glob('*.html')}
    out = dest/'checks.html'
    render_page(checks_page.markdown(notebooks(), titles, page_name, ids), 'markdown', out, Path('media'),
                {'title': 'What is checked', 'subtitle': checks_page.SUBTITLE}, nav_html(secs, titles, out.name),
                after_html(order, titles, out.name))
    written.append(out)
    drop_dead_links(dest)
    (dest/'search-index.js').write_text('window.SEARCH_INDEX = ' + json.dumps(search_index(dest, order)) + ';\n')
    return written


def _cell_markdown(cell: dict) -> str:
    "One processed cell as GitHub markdown: markdown as is, code in a fence, text outputs in a plain fence."
    src = ''.join(cell['source']).strip()
    if cell['cell_type'] == 'markdown': return '' if 'AUTOGENERATED' in src else src
    if cell['cell_type'] != 'code': return ''
    parts = [f'```python\n{src}\n```'] if src else []
    for out in cell.get('outputs', []):
        data = out.get('data', {})
        if 'text/markdown' in data: parts.append(''.join(data['text/markdown']).strip())
        text = ''.join(out.get('text', '') or data.get('text/plain', '')).strip()
        if text and 'text/markdown' not in data: parts.append(f'```\n{text}\n```')
    return '\n\n'.join(parts)


def build_readme(dest: Path = ROOT/'README.md') -> None:
    "README.md from nbs/index.ipynb: the processed notebook (hidden cells removed) as GitHub-flavoured markdown."
    with tempfile.TemporaryDirectory() as tmp:
        nb = pandoc_ready(process(Path(tmp), only=['index.ipynb'])/'index.ipynb')
    fm = front_matter(nb)
    body = '\n\n'.join(filter(None, map(_cell_markdown, nb['cells'])))
    body = re.sub(r'\]\(([\w-]+\.ipynb)\)', r'](nbs/\1)', body)           # notebook links, from the repository root
    if not published():                                                   # doc links: to the notebooks, not a host
        cfg = settings()
        host = re.escape(cfg['doc_host'].rstrip('/') + cfg['doc_baseurl'].rstrip('/') + '/')
        nb_of = {page_name(p): p.name for p in notebooks()}
        body = re.sub(host + r'([\w-]+\.html)(#[\w.-]*)?', lambda m: f'nbs/{nb_of.get(m[1], m[1])}', body)
    head = f"# {fm.get('title', 'rpm_nb')}\n\n" + (f"> {fm['description']}\n\n" if fm.get('description') else '')
    note = '<!-- generated from nbs/index.ipynb by tools/build_docs.py: edit the notebook, not this file -->\n\n'
    dest.write_text(head + note + body + '\n')


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--dest', default=str(ROOT/'_docs'), help='output folder of the site')
    ap.add_argument('--only', nargs='*', help='notebook file names to render (default: all)')
    ap.add_argument('--readme-only', action='store_true', help='only write README.md')
    a = ap.parse_args()
    if a.readme_only: build_readme(); sys.exit(0)
    pages = build_site(Path(a.dest).resolve(), a.only)
    print(f'Rendered {len(pages)} pages. Open {Path(a.dest).resolve()/"index.html"} in a browser.')
