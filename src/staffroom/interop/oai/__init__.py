"""The OAI-PMH 2.0 data provider: records derived from the resources (records.py), sets
(sets.py), signed resumption tokens (tokens.py) and the six verbs (protocol.py, views.py)."""
