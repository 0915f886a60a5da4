"""The project threat model: load and validate `threatmodel.yaml`, rank and explain findings by
what the system must protect, apply accepted risks, and draft/check the file from the code.

Pure: never imports pygls or lsprotocol. Typical use::

    model = load_threat_model("threatmodel.yaml")      # problems in model.problems, never raises
    analysis = engine.analyze(source, threat=ThreatRanker(model))
"""

from threatmark.threat.load import (
    DEFAULT_FILENAME,
    SCHEMA_PATH,
    SCHEMA_URL,
    find_threat_model,
    load_threat_model,
    parse_threat_model,
    schema,
)
from threatmark.threat.model import AcceptedRisk, Actor, Asset, Control, EntryPoint, ThreatModel, TrustBoundary
from threatmark.threat.rank import ThreatRanker

__all__ = [
    "DEFAULT_FILENAME", "SCHEMA_PATH", "SCHEMA_URL", "AcceptedRisk", "Actor", "Asset", "Control", "EntryPoint",
    "ThreatModel", "ThreatRanker", "TrustBoundary", "find_threat_model", "load_threat_model", "parse_threat_model",
    "schema",
]
