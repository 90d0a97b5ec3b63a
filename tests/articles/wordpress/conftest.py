import pytest
import time_machine

from tests.helpers.wordpress import NOW


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel(NOW, tick=True):
        yield
