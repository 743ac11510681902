"""Property-based checks of every public name: wrong inputs get a clear error naming the argument; fine ones work.

`framework` holds the argument kinds and the runner; one file per module of rpm_nb (`spec_<module>.py`) says, for each
name of that module's `__all__`, how to make a valid call and which arguments to spoil."""
