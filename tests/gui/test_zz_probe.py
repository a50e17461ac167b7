import pytest
from tests.gui.test_event_log import test_the_model_is_a_valid_qt_model as target

@pytest.mark.parametrize("n", range(8))
def test_probe(shell, qtbot, qtmodeltester, n):
    import inspect
    params = inspect.signature(target).parameters
    kwargs = {k: v for k, v in dict(shell=shell, qtbot=qtbot, qtmodeltester=qtmodeltester).items() if k in params}
    target(**kwargs)
