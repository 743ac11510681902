"""The docs site renders without Quarto: every page builds, carries an API entry for each public name of its module,
its maths and its figures. (The build runs the cells nbdev runs for docs, so this also catches notebooks whose
import cells depend on code that the docs build does not run.)"""
import importlib, json, re, sys
import pytest
from conftest import ROOT, NBS

sys.path.insert(0, str(ROOT/'tools'))
import build_docs


def _module(nb):
    for cell in json.loads((ROOT/'nbs'/nb).read_text())['cells']:
        m = re.search(r'#\|\s*default_exp\s+(\S+)', ''.join(cell['source']))
        if m: return f'rpm_nb.{m[1]}'


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    dest = tmp_path_factory.mktemp('site')
    build_docs.build_site(dest)
    return dest


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
