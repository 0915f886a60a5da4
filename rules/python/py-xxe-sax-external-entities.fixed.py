import xml.sax
import xml.sax.handler
from xml.dom import pulldom
from xml.sax import handler, make_parser
from xml.sax.handler import feature_external_ges, feature_external_pes, feature_namespaces

import defusedxml.sax


def count_elements(stream, content_handler):
    parser = xml.sax.make_parser()
    # ruleid: py-xxe-sax-external-entities
    parser.setFeature(feature_external_ges, False)
    parser.setContentHandler(content_handler)
    parser.parse(stream)


def load_with_dtd(stream, content_handler):
    parser = make_parser()
    # ruleid: py-xxe-sax-external-entities
    parser.setFeature(xml.sax.handler.feature_external_pes, False)
    # ruleid: py-xxe-sax-external-entities
    parser.setFeature(handler.feature_external_ges, False)
    parser.setContentHandler(content_handler)
    parser.parse(stream)


def by_uri(stream, content_handler):
    parser = make_parser()
    # ruleid: py-xxe-sax-external-entities
    parser.setFeature("http://xml.org/sax/features/external-general-entities", False)
    parser.setContentHandler(content_handler)
    parser.parse(stream)


def pulldom_events(stream):
    parser = make_parser()
    # ruleid: py-xxe-sax-external-entities
    parser.setFeature(feature_external_pes, False)
    return pulldom.parse(stream, parser=parser)


# --- safe look-alikes -------------------------------------------------------


def namespaces_on(stream, content_handler):
    parser = make_parser()
    # ok: py-xxe-sax-external-entities
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(content_handler)
    parser.parse(stream)


def explicitly_off(stream, content_handler):
    parser = make_parser()
    # ok: py-xxe-sax-external-entities
    parser.setFeature(feature_external_ges, False)
    parser.setContentHandler(content_handler)
    parser.parse(stream)


def uri_off(stream, content_handler):
    parser = make_parser()
    # ok: py-xxe-sax-external-entities
    parser.setFeature("http://xml.org/sax/features/external-general-entities", False)
    parser.parse(stream)


def defused(stream, content_handler):
    parser = defusedxml.sax.make_parser()
    # ok: py-xxe-sax-external-entities
    parser.setFeature(feature_namespaces, 1)
    parser.setContentHandler(content_handler)
    parser.parse(stream)


def validation_on(stream):
    parser = make_parser()
    # ok: py-xxe-sax-external-entities
    parser.setFeature("http://xml.org/sax/features/validation", True)
    parser.parse(stream)
