"""Make sure Fashion-MNIST is present and intact, for the tutorials and tests.

Uses the loader's own search ($RPM_NB_DATA, /usr/share/datasets, ~/.cache/rpm_nb) and checksums. Only when nothing
is found does it download, from the canonical mirror into ~/.cache/rpm_nb (or $RPM_NB_DATA).
A corrupt file is reported and left for you to replace: nothing is overwritten silently."""
import sys
from rpm_nb.data import find_data_files, load_fashion_mnist

for split in ('train', 'test'):
    try: images, _ = load_fashion_mnist(split)
    except FileNotFoundError:
        print(f'Fashion-MNIST ({split}) not found; downloading it (checksums verified).')
        images, _ = load_fashion_mnist(split, download=True)
    except ValueError as e: sys.exit(f'Fashion-MNIST ({split}) is present but damaged:\n{e}')
    print(f'Fashion-MNIST {split}: {len(images)} images in {find_data_files("fashion-mnist", split)[0].parent}, checksums OK')
