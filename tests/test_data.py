"Loader error paths, through the public API: missing files, an explicit root, truncated file, checksum mismatch, wrong magic number; the seed convention."
import gzip, inspect, shutil
import numpy as np
from pathlib import Path
import pytest
import torch
import rpm_nb.data as data
from rpm_nb.core import seed_everything


def _installed_test_split():
    "The Fashion-MNIST test files the loader would read here, or None where the data are not installed."
    try: return data.find_data_files('fashion-mnist', 'test')
    except FileNotFoundError: return None

FASHION_TEST = _installed_test_split()
needs_fashion = pytest.mark.skipif(FASHION_TEST is None, reason='Fashion-MNIST not installed (make test installs it)')


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    "No system directory, an empty user cache and an empty $RPM_NB_DATA: only what a test puts there exists."
    monkeypatch.setattr(data, '_system_dirs', [str(tmp_path/'system')])
    monkeypatch.setattr(data, '_user_cache', str(tmp_path/'cache'))
    monkeypatch.setenv('RPM_NB_DATA', str(tmp_path/'env'))
    return tmp_path


def _copy_test_split(dest: Path) -> tuple[Path, Path]:
    "Copy the installed test images and labels into `dest`; return the copies."
    dest.mkdir(parents=True)
    return tuple(Path(shutil.copy(f, dest/f.name)) for f in FASHION_TEST)


def test_missing_files_list_every_place(isolated):
    with pytest.raises(FileNotFoundError) as e: data.load_fashion_mnist('test')
    msg = str(e.value)
    for place in ('env/fashion-mnist', 'system/fashion-mnist', 'cache/fashion-mnist'): assert place in msg
    assert 'apt-get install dataset-fashion-mnist' in msg and 'download=True' in msg


def test_mnist_missing_says_how_to_get_it(isolated):
    with pytest.raises(FileNotFoundError, match='download=True'): data.load_mnist('train', root=isolated/'nowhere')


@needs_fashion
def test_missing_root_does_not_fall_back(isolated):
    _copy_test_split(isolated/'env'/'fashion-mnist')                  # found without root ...
    assert data.load_fashion_mnist('test')[0].shape == (10_000, 28, 28)
    root = isolated/'nowhere'
    with pytest.raises(FileNotFoundError) as e: data.load_fashion_mnist('test', root=root)   # ... but not in root
    assert f'{root}: directory does not exist' in str(e.value) and 'env/fashion-mnist' not in str(e.value)


@needs_fashion
def test_root_without_the_files_names_them(isolated):
    _copy_test_split(isolated/'env'/'fashion-mnist')
    root = isolated/'empty'; root.mkdir()
    with pytest.raises(FileNotFoundError) as e: data.load_fashion_mnist('test', root=root)
    assert f'{root}: missing t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz' in str(e.value)
    shutil.copy(FASHION_TEST[1], root)                                 # the labels alone are not enough
    with pytest.raises(FileNotFoundError, match=r'missing t10k-images-idx3-ubyte\.gz\.'):
        data.load_fashion_mnist('test', root=root)


def test_mnist_root_without_the_files(isolated):
    root = isolated/'empty'; root.mkdir()
    with pytest.raises(FileNotFoundError, match=r'missing train-images-idx3-ubyte\.gz, train-labels-idx1-ubyte\.gz'):
        data.load_mnist('train', root=root)


@needs_fashion
def test_find_data_files_gives_what_the_loader_reads(isolated):
    img, lbl = _copy_test_split(isolated/'env'/'fashion-mnist')
    assert data.find_data_files('fashion-mnist', 'test') == (img, lbl)
    root = isolated/'mine'
    assert data.find_data_files('fashion-mnist', 'test', root=root.parent/'env'/'fashion-mnist') == (img, lbl)
    with pytest.raises(FileNotFoundError, match=f'{root}: directory does not exist'):
        data.find_data_files('fashion-mnist', 'test', root=root)


def test_find_data_files_absent_says_how_to_get_it(isolated):
    with pytest.raises(FileNotFoundError, match='apt-get install dataset-fashion-mnist'): data.find_data_files('fashion-mnist', 'train')
    with pytest.raises(ValueError, match="name: expected one of"): data.find_data_files('cifar', 'train')
    with pytest.raises(ValueError, match="split: expected one of"): data.find_data_files('mnist', 'valid')


@needs_fashion
def test_good_copy_loads(isolated):
    images, labels = data.load_fashion_mnist('test', root=_copy_test_split(isolated/'good')[0].parent)
    assert images.shape == (10_000, 28, 28) and images.dtype == torch.uint8
    assert torch.bincount(labels).tolist() == [1000] * 10


@needs_fashion
def test_truncated_file_names_the_file(isolated):
    _, f = _copy_test_split(isolated/'trunc')
    f.write_bytes(f.read_bytes()[:1000])
    with pytest.raises(ValueError, match=rf'{f.name}: MD5 checksum mismatch'):
        data.load_fashion_mnist('test', root=f.parent)


@needs_fashion
def test_checksum_mismatch_names_file_and_sums(isolated):
    f, _ = _copy_test_split(isolated/'bad')
    raw = bytearray(data._read_maybe_gzip(f)); raw[5000] ^= 0xFF                  # one pixel changed
    f.write_bytes(gzip.compress(bytes(raw)))
    with pytest.raises(ValueError) as e: data.load_fashion_mnist('test', root=f.parent)
    assert str(f) in str(e.value) and 'expected' in str(e.value) and 'found' in str(e.value)


def test_wrong_magic_number(tmp_path):
    f = tmp_path/'x.idx'
    f.write_bytes(b'\x01\x00\x08\x01' + (3).to_bytes(4, 'big') + b'\x00\x01\x02')
    with pytest.raises(ValueError, match='magic'): data.read_idx(f)


def test_truncated_idx_payload(tmp_path):
    f = tmp_path/'x.idx'
    f.write_bytes(b'\x00\x00\x08\x01' + (10).to_bytes(4, 'big') + b'\x00' * 7)
    with pytest.raises(ValueError, match=str(f)): data.read_idx(f)


def test_bad_split_is_named(isolated):
    with pytest.raises(ValueError, match="split: expected one of"): data.load_fashion_mnist('valid')


RANDOM = {'binarize': lambda seed: data.binarize(torch.rand(4, 5, generator=torch.Generator().manual_seed(0)), seed=seed),
          'peer_index': lambda seed: data.peer_index(torch.tensor([0, 1] * 6), 3, seed=seed),
          'peer_pairs': lambda seed: data.peer_pairs(torch.arange(12.), torch.tensor([0, 1] * 6), 3, seed=seed)[0],
          'factor_analysis_views': lambda seed: data.factor_analysis_views(5, seed=seed).X,
          'gaussian_copula': lambda seed: data.gaussian_copula(5, seed=seed).X,
          'bouncing_ball': lambda seed: data.bouncing_ball(2, T=5, kind='textured', seed=seed).X}


@pytest.mark.parametrize('name', RANDOM)
def test_seed_convention(name):
    params = inspect.signature(getattr(data, name)).parameters
    assert 'seed' in params and 'generator' not in params and params['seed'].default is None
    draw = RANDOM[name]
    assert torch.equal(draw(3), draw(3)) and torch.equal(draw(torch.Generator().manual_seed(3)), draw(3))
    seed_everything(11); a = draw(None)
    seed_everything(11); assert torch.equal(draw(None), a)             # None: torch's global generator


@pytest.fixture
def no_download(monkeypatch):
    "Any attempt to fetch a file fails the test."
    def refuse(*args, **kwargs): pytest.fail('a download was attempted')
    monkeypatch.setattr(data, '_download_file', refuse)
    monkeypatch.setattr(data, '_fetch', refuse)


@pytest.mark.parametrize('flag', ['no', 'False', '', 0, 1, None])
def test_download_must_be_a_boolean(isolated, no_download, flag):
    "A truthy string such as 'no' once started a download: flags are booleans, checked before anything is searched."
    with pytest.raises(TypeError, match='download: expected True or False'): data.load_fashion_mnist('test', download=flag)
    with pytest.raises(ValueError, match='download: expected True or False'): data.load_mnist('test', root=isolated/'r', download=flag)
    assert not list(isolated.rglob('*'))                                # nothing created, nothing fetched


def test_numpy_bool_download_is_a_boolean(isolated, no_download):
    with pytest.raises(FileNotFoundError, match='not found'): data.load_fashion_mnist('test', download=np.bool_(False))


def test_paths_are_checked(tmp_path, isolated):
    with pytest.raises(ValueError, match=f'path: {tmp_path} is a directory; expected an IDX file'): data.read_idx(tmp_path)
    with pytest.raises(TypeError, match=r'path: expected a path \(a str or os.PathLike\), got 3 \(int\)'): data.read_idx(3)
    f = tmp_path/'a.idx'; f.write_bytes(data._encode_idx(np.arange(3, dtype=np.uint8)))
    with pytest.raises(ValueError, match=f'root: {f} is not a directory'): data.load_fashion_mnist('test', root=f)
    with pytest.raises(TypeError, match='root: expected a path'): data.find_data_files('mnist', 'test', root=1.5)


@pytest.mark.parametrize('call, message', [
    (lambda: data.factor_analysis_views(0), 'N: expected an integer in [1, inf], got 0'),
    (lambda: data.factor_analysis_views(5, J=2.0), 'J: expected an integer, got 2.0'),
    (lambda: data.factor_analysis_views(5, dtype=torch.int32), 'dtype: expected a floating torch.dtype'),
    (lambda: data.gaussian_copula(5, rates=(1.0,)), 'rates: expected a pair of numbers, got 1 of them'),
    (lambda: data.gaussian_copula(5, seed=True), 'seed: expected an integer, got True'),
    (lambda: data.bouncing_ball(2, T=0), 'T: expected an integer in [1, inf], got 0'),
    (lambda: data.bouncing_ball(2, speed=(0.1, 'fast')), "speed[1]: expected a finite real number, got 'fast'"),
    (lambda: data.peer_pairs(torch.zeros(0, 3), torch.zeros(0, dtype=torch.long)), 'images: expected non-empty data'),
    (lambda: data.peer_index(np.array([0.0, 1.0])), 'labels: expected integer class labels, got dtype torch.float64'),
    (lambda: data.binarize(torch.tensor([0, 255], dtype=torch.int32)), 'x: expected uint8 or floating-point intensities')])
def test_generators_check_sizes_and_seeds(call, message):
    with pytest.raises(ValueError) as e: call()
    assert message in str(e.value)


def test_numpy_in_same_as_tensor_in():
    labels = np.array([0, 1, 0, 1, 1])
    assert torch.equal(data.peer_index(labels, seed=2), data.peer_index(torch.from_numpy(labels), seed=2))
    assert torch.equal(data.binarize(np.full((2, 3), 0.5), seed=1), data.binarize(torch.full((2, 3), 0.5, dtype=torch.float64), seed=1))
