"""Which policy or funder puts how much money into which target: amounts (`money`), the flow rules
(`flows`), who pays (`source`), judgements about an amount in its sentence (`judgements`) and the
noun-phrase helpers they share (`phrases`)."""

from ingest.funding.flows import extract_funding

__all__ = ["extract_funding"]
