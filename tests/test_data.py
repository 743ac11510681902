"Loader error paths, through the public API: missing files, truncated file, checksum mismatch, wrong magic number."
import gzip, shutil
from pathlib import Path
import pytest
import torch
import rpm_nb.data as data

FASHION = Path('/usr/share/datasets/fashion-mnist')


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    "No system directory, an empty user cache and an empty $RPM_NB_DATA: only what a test puts there exists."
    monkeypatch.setattr(data, '_system_dirs', [str(tmp_path/'system')])
    monkeypatch.setattr(data, '_user_cache', str(tmp_path/'cache'))
    monkeypatch.setenv('RPM_NB_DATA', str(tmp_path/'env'))
    return tmp_path


def test_missing_files_list_every_place(isolated):
    with pytest.raises(FileNotFoundError) as e: data.load_fashion_mnist('test')
    msg = str(e.value)
    for place in ('env/fashion-mnist', 'system/fashion-mnist', 'cache/fashion-mnist'): assert place in msg
    assert 'apt-get install dataset-fashion-mnist' in msg and 'download=True' in msg


def test_mnist_missing_says_how_to_get_it(isolated):
    with pytest.raises(FileNotFoundError, match='download=True'): data.load_mnist('train', root=isolated/'nowhere')


def _copy_test_split(dest: Path):
    dest.mkdir(parents=True)
    for f in ('t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'): shutil.copy(FASHION/f, dest/f)
    return dest


needs_fashion = pytest.mark.skipif(not FASHION.is_dir(), reason='Fashion-MNIST not installed (make test installs it)')


@needs_fashion
def test_good_copy_loads(isolated):
    images, labels = data.load_fashion_mnist('test', root=_copy_test_split(isolated/'good'))
    assert images.shape == (10_000, 28, 28) and images.dtype == torch.uint8
    assert torch.bincount(labels).tolist() == [1000] * 10


@needs_fashion
def test_truncated_file_names_the_file(isolated):
    d = _copy_test_split(isolated/'trunc')
    f = d/'t10k-labels-idx1-ubyte.gz'
    f.write_bytes(f.read_bytes()[:1000])
    with pytest.raises(ValueError, match=r't10k-labels-idx1-ubyte\.gz: MD5 checksum mismatch'):
        data.load_fashion_mnist('test', root=d)


@needs_fashion
def test_checksum_mismatch_names_file_and_sums(isolated):
    d = _copy_test_split(isolated/'bad')
    f = d/'t10k-images-idx3-ubyte.gz'
    raw = bytearray(gzip.decompress(f.read_bytes())); raw[5000] ^= 0xFF          # one pixel changed
    f.write_bytes(gzip.compress(bytes(raw)))
    with pytest.raises(ValueError) as e: data.load_fashion_mnist('test', root=d)
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
