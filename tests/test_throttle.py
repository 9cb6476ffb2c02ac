"""The sign-in counter: failures per address over a sliding window."""
from kb.throttle import Throttle


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_the_limit_holds_an_address_back_until_the_window_has_passed():
    clock = Clock()
    throttle = Throttle(limit=3, window=60, clock=clock)
    for _ in range(2):
        throttle.failed("10.0.0.1")
    assert throttle.wait("10.0.0.1") == 0
    throttle.failed("10.0.0.1")
    assert throttle.wait("10.0.0.1") == 60
    assert throttle.wait("10.0.0.2") == 0
    clock.now += 59
    assert throttle.wait("10.0.0.1") == 1
    clock.now += 1
    assert throttle.wait("10.0.0.1") == 0


def test_a_success_forgets_the_failures():
    throttle = Throttle(limit=2, window=60, clock=Clock())
    throttle.failed("a")
    throttle.succeeded("a")
    throttle.failed("a")
    assert throttle.wait("a") == 0


def test_it_remembers_a_bounded_number_of_addresses():
    throttle = Throttle(limit=1, window=60, keys=2, clock=Clock())
    for key in ("a", "b", "c"):
        throttle.failed(key)
    assert throttle.wait("a") == 0 and throttle.wait("c") == 60
