"""What pyproject.toml cannot say: forms/ and resources/ stay at the top of the repository (the
design card: declarative data beside the code, editable by a committee) and ship inside the
package as ttdn_desktop/forms and ttdn_desktop/resources, where util/paths.py finds them in an
installed wheel. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

DATA = {"ttdn_desktop.forms": "forms", "ttdn_desktop.resources": "resources"}

setup(
    packages=find_packages(include=["ttdn_desktop", "ttdn_desktop.*"]) + list(DATA),
    package_dir=DATA,
    package_data={name: ["*"] for name in DATA},
    exclude_package_data={name: ["__pycache__"] for name in DATA},
)
