"""Render the docs site into `_docs/` without Quarto, and write README.md from nbs/index.ipynb.

Where Quarto is installed, `nbdev_docs` builds the site from `nbs/_quarto.yml` as usual. Where it is not, this
script does the same job with what Debian ships: nbdev's own notebook processing (`nbdev.serve.proc_nbs`: it runs
the `show_doc` cells, hides `#| hide` cells, turns the title cell into front matter and links names to their
docs) and then `pandoc -f ipynb+link_attributes` for each processed notebook.

    python tools/build_docs.py                # the whole site
    python tools/build_docs.py --readme-only  # README.md only
    python tools/build_docs.py --only 00_core.ipynb --dest /tmp/site
"""
from __future__ import annotations
import argparse, html, json, os, re, shutil, subprocess, sys, tempfile
import yaml
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'

STYLE = """
body { max-width: 72em; margin: 0 auto; padding: 0 1.5em 3em 17em; font-family: system-ui, sans-serif;
       line-height: 1.5; color: #222; }
nav#site { position: fixed; top: 0; left: 0; width: 14em; height: 100%; overflow-y: auto; padding: 1.2em;
           background: #f6f7f9; border-right: 1px solid #ddd; font-size: 0.92em; }
nav#site a { display: block; padding: 0.2em 0; color: #24509a; text-decoration: none; }
nav#site a.current { font-weight: bold; }
pre { background: #f4f4f4; padding: 0.7em; overflow-x: auto; border-radius: 4px; }
div.cell-output pre, .output pre { background: #fff; border-left: 3px solid #ccc; }
img { max-width: 100%; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
h2, h3, h4 { border-bottom: 1px solid #eee; }
"""


def page_name(nb: Path) -> str:
    "nbdev's page name: `02a_plots.ipynb` -> `plots.html` (the names the doc links in rpm_nb/_modidx.py use)."
    return re.sub(r'^\d+[a-zA-Z0-9]*_', '', nb.name.lower()).rsplit('.', 1)[0] + '.html'


def notebooks(only=None) -> list[Path]:
    nbs = sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    if only: nbs = [p for p in nbs if p.name in only]
    return nbs


def process(dest: Path, only=None) -> Path:
    "Run nbdev's docs processing on the notebooks into a fresh folder; returns that folder."
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
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


def localise_links(text: str, pages: dict[str, str]) -> str:
    "Point doc links at the local pages: the configured doc host, and links to sibling notebooks."
    import configparser
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    host = cfg['DEFAULT']['doc_host'].rstrip('/') + cfg['DEFAULT']['doc_baseurl'].rstrip('/') + '/'
    text = text.replace(f'href="{host}', 'href="')
    for nb, page in pages.items(): text = text.replace(f'href="{nb}', f'href="{page}')
    return text


def nav_html(entries, current: str) -> str:
    links = ''.join(f'<a href="{page}"{" class=current" if page == current else ""}>{html.escape(title)}</a>'
                    for page, title in entries)
    return f'<nav id="site"><a href="index.html"><b>rpm_nb</b></a><hr/>{links}</nav>'


def render_page(nb: dict, out: Path, media: Path, fm: dict, nav: str, css: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, before = Path(tmp)/'page.ipynb', Path(tmp)/'nav.html'
        src.write_text(json.dumps(nb)); before.write_text(nav)
        cmd = ['pandoc', '-f', 'ipynb+link_attributes', '-t', 'html5', '--standalone', '--mathml', '--toc',
               '--toc-depth=3', '--metadata', f"title={fm.get('title', out.stem)}", '--css', css,
               '--include-before-body', str(before), f'--extract-media={media}', '-o', str(out), str(src)]
        if fm.get('description'): cmd[5:5] = ['--metadata', f"subtitle={fm['description']}"]
        subprocess.run(cmd, check=True, cwd=out.parent)


def build_site(dest: Path, only=None) -> list[Path]:
    if not shutil.which('pandoc'):
        sys.exit('pandoc not found: install it with `apt-get install pandoc` (or run `make install`), '
                 'or build with Quarto via `nbdev_docs` where Quarto is installed.')
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        proc = process(Path(tmp), only)
        nbs = {p.name: pandoc_ready(p) for p in sorted(proc.glob('*.ipynb'))}
        pages = {name: page_name(Path(name)) for name in nbs}
        fms = {name: front_matter(nb) for name, nb in nbs.items()}
        entries = [(pages[n], fms[n].get('title', n)) for n in nbs if n != 'index.ipynb']
        (dest/'style.css').write_text(STYLE)
        written = []
        for name, nb in nbs.items():
            out = dest/pages[name]
            render_page(nb, out, Path('media')/out.stem, fms[name], nav_html(entries, pages[name]), 'style.css')
            out.write_text(localise_links(out.read_text(), pages))
            written.append(out)
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
