package org.sipdrop.presence.internal.pidf;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A namespace-aware DOM parser hardened for documents from the network (OWASP XXE prevention):
 * DOCTYPE declarations are refused outright, so no external entity, external DTD or entity
 * expansion ("billion laughs") is ever processed; secure processing is on; XInclude is off; the
 * input size and element depth are bounded. Nothing is fetched from the file system or network.
 */
final class SafeXml {

    /** Deepest element nesting accepted; real PIDF documents nest fewer than 10 levels. */
    static final int MAX_DEPTH = 32;

    private SafeXml() {
    }

    /**
     * @param body     the document bytes, as received (the XML declaration decides the encoding)
     * @param maxBytes the largest document accepted
     * @param what     what the document is, for error messages (e.g. "PIDF document")
     */
    static Document parse(byte[] body, int maxBytes, String what) throws PidfException {
        if (body == null || body.length == 0) {
            throw new PidfException("Empty " + what);
        }
        if (body.length > maxBytes) {
            throw new PidfException(what + " of " + body.length + " bytes exceeds the limit of " + maxBytes
                    + " bytes");
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entity '" + systemId + "' refused");
            });
            builder.setErrorHandler(new Strict());
            return builder.parse(new InputSource(new ByteArrayInputStream(body)));
        } catch (SAXParseException e) {
            throw new PidfException("Malformed " + what + " at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new PidfException("Malformed " + what + ": " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser lacks a required security feature", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
        return f;
    }

    /** Turns every warning and error into a failure, and keeps the parser from printing to stderr. */
    private static final class Strict implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

}
