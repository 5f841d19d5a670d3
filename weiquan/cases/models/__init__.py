from .business import Business
from .case import Case
from .event import CaseEvent
from .numbering import CaseNumberCounter

__all__ = ["Business", "Case", "CaseEvent", "CaseNumberCounter"]
