package org.sipdrop.configuration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.configuration.Setting;

/** Metatype documents (Compendium 105.7) to settings: ids, types, defaults, required, secrets. */
class MetatypeXmlTest {

    private static List<MetatypeXml.Designation> read(String xml) throws IOException {
        return MetatypeXml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The document the shared-folder example ships, read from the example's own source. */
    @Test
    void theSharedFolderExamplesMetatypeDescribesItsPidAndSettings() throws Exception {
        Path xml = Path.of("../../examples/org.sipdrop.transport.file/OSGI-INF/metatype/org.sipdrop.transport.file.xml");
        List<MetatypeXml.Designation> all;
        try (InputStream in = Files.newInputStream(xml)) {
            all = MetatypeXml.read(in);
        }
        assertEquals(1, all.size());
        MetatypeXml.Designation d = all.get(0);
        assertEquals("org.sipdrop.transport.file", d.pid());
        assertEquals(List.of("folder", "max.size"), d.settings().stream().map(Setting::id).toList());
        Setting folder = d.settings().get(0);
        assertTrue(folder.required(), "no default, required by default (105.7.2)");
        assertEquals("Root of the share; files are stored and read only below it", folder.description());
        Setting max = d.settings().get(1);
        assertEquals(Setting.Type.LONG, max.type());
        assertEquals(Optional.of("4294967296"), max.defaultValue());
        assertFalse(max.required());
    }

    @Test
    void passwordsAndPrivatePropertiesAreSecretsAndFlagNamesDropTheDot() throws Exception {
        List<Setting> s = read("""
                <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.4.0">
                  <OCD id="o" name="n"><AD id=".relay.password" type="Password" default=""/><AD id="pin" type="Password" required="false"/>
                  <AD id="peer.host.check" type="Boolean" default="true"/></OCD>
                  <Designate pid="p"><Object ocdref="o"/></Designate>
                </metatype:MetaData>""").get(0).settings();
        assertTrue(s.get(0).secret());
        assertEquals("relay-password", s.get(0).flagSuffix());
        assertTrue(s.get(1).secret());
        assertFalse(s.get(1).required());
        assertFalse(s.get(2).secret());
        assertEquals(Boolean.FALSE, s.get(2).parse("false"));
        assertEquals("peer-host-check", s.get(2).flagSuffix());
    }

    @Test
    void aDesignationWithoutItsOcdIsSkippedAndADoctypeRefused() throws Exception {
        assertTrue(read("<MetaData><Designate pid=\"p\"><Object ocdref=\"missing\"/></Designate></MetaData>").isEmpty());
        assertThrows(IOException.class, () -> read("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><MetaData>&e;</MetaData>"));
    }
}
