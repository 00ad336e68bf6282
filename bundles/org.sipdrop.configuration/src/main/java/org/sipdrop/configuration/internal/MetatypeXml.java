package org.sipdrop.configuration.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.sipdrop.configuration.Setting;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a bundle's metatype resource ({@code OSGI-INF/metatype/*.xml}, OSGi Compendium 105.7)
 * with the JDK's parser: no MetaType Service is needed (the target platform has none), and the
 * document a bnd build generates from {@code @ObjectClassDefinition} reads the same.
 */
public final class MetatypeXml {

    /** A {@code Designate}: the PID and the object class definition it points at. */
    public record Designation(String pid, String name, String description, List<Setting> settings) {
    }

    private MetatypeXml() {
    }

    /** @return the designations of one metatype document, with their OCD's attributes */
    public static List<Designation> read(InputStream in) throws IOException {
        Document doc = parse(in);
        Map<String, Element> ocds = new HashMap<>();
        NodeList ocdNodes = doc.getElementsByTagName("OCD");
        for (int i = 0; i < ocdNodes.getLength(); i++) {
            Element ocd = (Element) ocdNodes.item(i);
            ocds.put(ocd.getAttribute("id"), ocd);
        }
        List<Designation> designations = new ArrayList<>();
        NodeList designates = doc.getElementsByTagName("Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            Element d = (Element) designates.item(i);
            String pid = d.getAttribute("pid").isEmpty() ? d.getAttribute("factoryPid") : d.getAttribute("pid");
            NodeList objects = d.getElementsByTagName("Object");
            Element ocd = objects.getLength() == 0 ? null : ocds.get(((Element) objects.item(0)).getAttribute("ocdref"));
            if (!pid.isEmpty() && ocd != null) {
                designations.add(new Designation(pid, ocd.getAttribute("name"), ocd.getAttribute("description"), settings(ocd)));
            }
        }
        return designations;
    }

    private static List<Setting> settings(Element ocd) {
        List<Setting> settings = new ArrayList<>();
        NodeList ads = ocd.getElementsByTagName("AD");
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            Optional<String> dflt = ad.hasAttribute("default") ? Optional.of(ad.getAttribute("default")) : Optional.empty();
            boolean required = !"false".equalsIgnoreCase(ad.getAttribute("required")) && dflt.isEmpty();
            settings.add(new Setting(ad.getAttribute("id"), ad.getAttribute("name"), ad.getAttribute("description"),
                    Setting.Type.of(ad.getAttribute("type")), dflt, required));
        }
        return settings;
    }

    private static Document parse(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // no entities from a bundle
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException | IllegalArgumentException e) {
            throw new IOException("not a metatype document: " + e.getMessage(), e);
        }
    }
}
