"The docs pages render without Quarto and carry their API entries, maths and figures."
import re, sys
from pathlib import Path
import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT/'tools'))
import build_docs


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    dest = tmp_path_factory.mktemp('site')
    build_docs.build_site(dest, only=['00_core.ipynb', '02a_plots.ipynb'])
    return dest


def test_api_entries_and_maths(site):
    import rpm_nb.core
    page = (site/'core.html').read_text()
    for name in rpm_nb.core.__all__: assert f'id="{name}"' in page, f'no API entry for {name}'
    assert 'class="math display"' in page                  # the log-mean-exp derivation
    assert 'href="index.html"' in page                     # site navigation
    assert '#| export' not in page and 'nbdev_export()' not in page   # directives and hidden cells are gone


def test_figures(site):
    page = (site/'plots.html').read_text()
    imgs = re.findall(r'<img\s[^>]*?src="([^"]+)"', page)
    assert imgs, 'no figures on the plots page'
    for src in imgs: assert (site/src).is_file() and (site/src).stat().st_size > 1000, src
