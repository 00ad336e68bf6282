package org.sipdrop.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The checked-in {@code OSGI-INF/metatype/org.sipdrop.transport.http.xml} says what {@link HttpTransportConfig} says: this build's
 * tycho-ds-plugin generates DS XML only, so the metatype document SipDrop's CLI flags and
 * preference fields are derived from is written by hand and must not drift from the annotations.
 * Property names follow OSGi Compendium 112.8.2.1 ({@code max_size} is {@code max.size}, a leading
 * {@code _} a private {@code .} property).
 */
class MetatypeMatchesConfigTest {

    @Test
    void everyAttributeHasItsPropertyTypeAndDefault() throws Exception {
        Map<String, String> fromAnnotations = new LinkedHashMap<>();
        for (Method m : HttpTransportConfig.class.getDeclaredMethods()) {
            Object dflt = m.getDefaultValue();
            fromAnnotations.put(m.getName().replace('_', '.'), type(m.getReturnType()) + "=" + (dflt == null ? "-" : dflt));
        }
        Map<String, String> fromXml = new LinkedHashMap<>();
        NodeList ads = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("OSGI-INF/metatype/org.sipdrop.transport.http.xml").toFile()).getElementsByTagName("AD");
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            String type = "Password".equals(ad.getAttribute("type")) ? "String" : ad.getAttribute("type");
            fromXml.put(ad.getAttribute("id"), type + "=" + (ad.hasAttribute("default") ? ad.getAttribute("default") : "-"));
        }
        assertEquals(new java.util.TreeMap<>(fromAnnotations), new java.util.TreeMap<>(fromXml));
    }

    private static String type(Class<?> c) {
        return c == int.class ? "Integer" : c == long.class ? "Long" : c == boolean.class ? "Boolean" : c.getSimpleName();
    }
}
