"""Harvesting OAI-PMH repositories (oai_dc, IEEE LOM, NL-LOM) into link resources.

client: the OAI-PMH requests; parse: metadata into plain values; mapping: values onto our
vocabularies; services: runs, records and staff actions; queries: what the staff pages read.
"""
