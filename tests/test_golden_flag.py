def test_regen_golden_flag_is_off(regen_golden: bool) -> None:
    """A run that rewrote golden files must not pass: review the diff, then run again without the flag."""
    assert not regen_golden, "--regen-golden was on: golden files were rewritten, nothing was compared"
