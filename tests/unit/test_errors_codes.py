"""Named domain errors carry a code besides their sentence."""

from domain.errors import AssetUnavailable, DomainError, PermissionDenied


def test_each_named_error_has_a_code_from_its_name():
    assert AssetUnavailable("A-1", "checked_out", "bob").code == "asset_unavailable"
    assert PermissionDenied("bob", "retire items").code == "permission_denied"
    assert DomainError("no").code == "domain_error"
