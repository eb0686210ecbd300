"""Closed vocabularies of the plan model, as str enums so JSON keeps plain strings."""
from enum import Enum


class Role(str, Enum):
    """How a unit stands to a measure."""
    LEAD = "lead"
    SUPPORT = "support"
    JOINT = "joint"


class LeadBasis(str, Enum):
    """Why a unit is (or is not) taken as lead: the plan said so, convention, or nothing."""
    EXPLICIT = "explicit"
    FIRST_LISTED = "first_listed"
    NONE = "none"


class Comparator(str, Enum):
    EQ = "eq"
    GE = "ge"
    LE = "le"
    APPROX = "approx"
    RANGE = "range"


class Direction(str, Enum):
    """Whether a target value is a level to reach or the size of a change."""
    LEVEL = "level"
    DECREASE = "decrease"
    INCREASE = "increase"


class Level(str, Enum):
    """Administrative level of the issuing government."""
    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"


class Rate(str, Enum):
    """The period a target value is a rate over, when it is not the whole plan period."""
    ANNUAL = "annual"


class SectionKind(str, Enum):
    """Which part of a plan a section is: only the action part holds measures. The part names of
    ``extractor/data/structure.json`` must be among these."""
    ACTION = "action"
    OBJECTIVES = "objectives"
    PRINCIPLES = "principles"
    GUARANTEES = "guarantees"
    TIMELINE = "timeline"
    BACKGROUND = "background"
    PROCEDURE = "procedure"
    OTHER = "other"


class SourceFormat(str, Enum):
    """The file format a plan was read from."""
    TXT = "txt"
    PDF = "pdf"
    HTML = "html"
    DOCX = "docx"
