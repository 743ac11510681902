"""Load every page of the built docs site in headless Chromium; fail on console errors, failed loads, broken images.

    python tools/docs_check.py [SITE]     # SITE defaults to _docs

Each page is opened from file:// (as a reader opening `_docs/index.html` would) in a 1280 px and a 480 px (phone)
window, and a screenshot of its first screen is written to SITE/_screenshots/PAGE.png and PAGE-480px.png for review.
A page fails when the browser reports an uncaught exception, a `console.error` or a resource that did not load,
when an <img> has no decoded image, or when its content is wider than the window (code, tables and display maths
scroll in their own boxes); on the index page the search box must also find `log_mean_exp` on the Core page.
It talks to Chromium over the DevTools protocol on a pipe (`--remote-debugging-pipe`), so it needs nothing beyond
the standard library.
"""
from __future__ import annotations
import argparse, base64, json, os, select, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROKEN_IMAGES = "JSON.stringify([...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.getAttribute('src')))"
SEARCH = """(() => { const box = document.getElementById('search'); if (!box) return null;
  box.value = 'log_mean_exp'; box.dispatchEvent(new Event('input'));
  return [...document.querySelectorAll('#search-results a')].map(a => a.getAttribute('href')); })()"""
TOO_WIDE = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# code blocks (not outputs) wider than their box, which a reader would have to scroll sideways
CODE_SCROLLS = "[...document.querySelectorAll('div.sourceCode pre')].filter(p => p.scrollWidth > p.clientWidth + 1).length"


def chromium() -> str | None:
    return next((shutil.which(n) for n in ('chromium', 'chromium-browser', 'google-chrome') if shutil.which(n)), None)


class Browser:
    "A headless Chromium driven over `--remote-debugging-pipe` (JSON messages separated by NUL bytes on fds 3/4)."
    def __init__(self, exe: str, timeout: float = 30):
        self.timeout, self.n, self.events, self.buf = timeout, 0, [], b''
        to_chrome, self._w = os.pipe()
        self._r, from_chrome = os.pipe()
        self.profile = tempfile.mkdtemp(prefix='docs-check-')
        flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync',
                 '--hide-scrollbars', f'--user-data-dir={self.profile}', '--remote-debugging-pipe', 'about:blank']
        def fds():                                                      # the browser reads fd 3 and writes fd 4
            a, b = os.dup(to_chrome), os.dup(from_chrome); os.dup2(a, 3); os.dup2(b, 4)
        self.proc = subprocess.Popen([exe, *flags], preexec_fn=fds, pass_fds=(3, 4),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome); os.close(from_chrome)
        target = self.call('Target.createTarget', url='about:blank')['targetId']
        self.session = self.call('Target.attachToTarget', targetId=target, flatten=True)['sessionId']
        for domain in ('Page', 'Runtime', 'Log'): self.call(f'{domain}.enable', session=True)

    def _read(self) -> dict:
        deadline = time.time() + self.timeout
        while b'\0' not in self.buf:
            if not select.select([self._r], [], [], max(0, deadline - time.time()))[0]: raise TimeoutError('Chromium')
            chunk = os.read(self._r, 1 << 20)
            if not chunk: raise RuntimeError('Chromium exited')
            self.buf += chunk
        msg, self.buf = self.buf.split(b'\0', 1)
        return json.loads(msg)

    def call(self, method: str, session: bool = False, **params) -> dict:
        self.n += 1
        msg = {'id': self.n, 'method': method, 'params': params, **({'sessionId': self.session} if session else {})}
        os.write(self._w, json.dumps(msg).encode() + b'\0')
        while True:
            m = self._read()
            if m.get('id') == self.n:
                if 'error' in m: raise RuntimeError(f"{method}: {m['error']}")
                return m.get('result', {})
            self.events.append(m)

    def wait(self, event: str) -> None:
        while not any(e.get('method') == event for e in self.events): self.events.append(self._read())

    def close(self) -> None:
        os.close(self._w); os.close(self._r)                            # the browser exits when its pipe closes
        try: self.proc.wait(10)
        except subprocess.TimeoutExpired: self.proc.terminate(); self.proc.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def problems(events: list[dict]) -> list[str]:
    "The errors among the protocol events of one page load."
    out = []
    for e in events:
        p = e.get('params', {})
        if e.get('method') == 'Runtime.exceptionThrown':
            d = p['exceptionDetails']; out.append('exception: ' + d.get('exception', {}).get('description', d['text']))
        elif e.get('method') == 'Runtime.consoleAPICalled' and p['type'] in ('error', 'assert'):
            out.append('console.error: ' + ' '.join(str(a.get('value', a.get('description', ''))) for a in p['args']))
        elif e.get('method') == 'Log.entryAdded' and p['entry']['level'] == 'error':
            out.append(f"{p['entry']['text']} {p['entry'].get('url', '')}".strip())
    return out


def check_site(site: Path, sizes=((1280, 1600), (480, 900)), exe: str | None = None) -> dict[str, list[str]]:
    "Problems found on each page at each window size (empty lists when clean); screenshots go to site/_screenshots/."
    exe = exe or chromium()
    if not exe: raise FileNotFoundError('no Chromium found (apt-get install chromium)')
    shots = site/'_screenshots'; shots.mkdir(exist_ok=True)
    b, found = Browser(exe), {}
    try:
        for i, (width, height) in enumerate(sizes):
            b.call('Emulation.setDeviceMetricsOverride', session=True, width=width, height=height, deviceScaleFactor=1,
                   mobile=False)
            for page in sorted(site.glob('*.html')):
                b.events = []
                b.call('Page.navigate', session=True, url=page.resolve().as_uri())
                b.wait('Page.loadEventFired')
                value = lambda js: b.call('Runtime.evaluate', session=True, expression=js, returnByValue=True)['result'].get('value')
                errs = problems(b.events) + [f'image not loaded: {src}' for src in json.loads(value(BROKEN_IMAGES))]
                wide = value(TOO_WIDE)
                if wide > 0: errs.append(f'page {wide} px wider than the window')
                scrolls = value(CODE_SCROLLS)
                if scrolls: errs.append(f'{scrolls} code blocks scroll sideways')
                if i == 0 and page.name == 'index.html':                 # the search box finds a known name
                    hits = value(SEARCH)
                    if hits is not None and not any(h.startswith('core.html') for h in hits):
                        errs.append('search box: no result on core.html for log_mean_exp')
                png = b.call('Page.captureScreenshot', session=True, format='png')['data']
                (shots/f'{page.stem}{"" if i == 0 else f"-{width}px"}.png').write_bytes(base64.b64decode(png))
                found[f'{page.name} at {width}px'] = errs
    finally:
        b.close()
    return found


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('site', nargs='?', default=str(ROOT/'_docs'))
    a = ap.parse_args()
    site = Path(a.site)
    if not any(site.glob('*.html')): sys.exit(f'no pages in {site}: build the site first (make docs)')
    found = check_site(site)
    for page, errs in found.items(): print(f"{page}: {'ok' if not errs else '; '.join(errs)}")
    print(f'{len(found)} page loads in Chromium; screenshots in {site/"_screenshots"}')
    sys.exit(1 if any(found.values()) else 0)
