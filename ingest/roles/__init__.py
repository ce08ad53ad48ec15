"""Who holds which role where: the rules over titles and appositions (`rules`), the collector and title
cleaning they share (`base`), the body a title names (`orgs`) and bodies named indirectly (`indirect`)."""

from ingest.roles.rules import extract_roles

__all__ = ["extract_roles"]
