package org.sipdrop.presence.internal.pidf;

import java.nio.charset.StandardCharsets;

/** Presence documents shaped like those real clients and the RFCs send. */
final class PidfSamples {

    private PidfSamples() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What baresip's presence module PUBLISHes (CRLF lines, person before tuple, standalone="no"). */
    static String baresip(String basic, String activities) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\r\n"
                + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\r\n"
                + "    xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"\r\n"
                + "    xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\"\r\n"
                + "    entity=\"sip:alice@example.com\">\r\n"
                + "  <dm:person id=\"p4159\"><rpid:activities>" + activities + "</rpid:activities></dm:person>\r\n"
                + "  <tuple id=\"t4109\">\r\n"
                + "    <status>\r\n"
                + "      <basic>" + basic + "</basic>\r\n"
                + "    </status>\r\n"
                + "    <contact>sip:alice@192.0.2.10:5060</contact>\r\n"
                + "  </tuple>\r\n"
                + "</presence>\r\n";
    }

    /** What liblinphone PUBLISHes for "on the phone" with a note, plus an OMA service-description tuple. */
    static final String LINPHONE_ON_THE_PHONE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\""
            + " xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"sip:bob@sip.example.org\">\n"
            + "  <tuple id=\"ufsmmx\">\n"
            + "    <status>\n"
            + "      <basic>open</basic>\n"
            + "    </status>\n"
            + "    <op:service-description xmlns:op=\"urn:oma:xml:prs:pidf:oma-pres\">\n"
            + "      <op:service-id>org.3gpp.urn:urn-7:3gpp-service.ims.icsi.mmtel</op:service-id>\n"
            + "      <op:version>1.0</op:version>\n"
            + "    </op:service-description>\n"
            + "    <contact>sip:bob@sip.example.org</contact>\n"
            + "    <timestamp>2024-03-12T09:41:07Z</timestamp>\n"
            + "  </tuple>\n"
            + "  <dm:person id=\"ulnwzg\">\n"
            + "    <rpid:activities>\n"
            + "      <rpid:on-the-phone/>\n"
            + "    </rpid:activities>\n"
            + "    <dm:note xml:lang=\"fr\">En réunion jusqu'à 11h</dm:note>\n"
            + "  </dm:person>\n"
            + "</presence>\n";

    /** RFC 3863 §5 style extended example: prefixed PIDF, two tuples, notes in two languages. */
    static final String RFC3863_EXTENDED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<impp:presence xmlns:impp=\"urn:ietf:params:xml:ns:pidf\"\n"
            + "    xmlns:myex=\"http://id.example.com/presence/\"\n"
            + "    entity=\"pres:someone@example.com\">\n"
            + "  <impp:tuple id=\"ck38g9\">\n"
            + "    <impp:status>\n"
            + "      <impp:basic>open</impp:basic>\n"
            + "    </impp:status>\n"
            + "    <myex:mobility><myex:vehicle/></myex:mobility>\n"
            + "    <impp:contact priority=\"0.65\">tel:+09012345678</impp:contact>\n"
            + "  </impp:tuple>\n"
            + "  <impp:tuple id=\"md66je\">\n"
            + "    <impp:status>\n"
            + "      <impp:basic>closed</impp:basic>\n"
            + "    </impp:status>\n"
            + "    <impp:contact priority=\"0.1\">im:someone@mobilecarrier.net</impp:contact>\n"
            + "    <impp:note xml:lang=\"en\">Don't Disturb Please!</impp:note>\n"
            + "    <impp:note xml:lang=\"fr\">Ne derangez pas, s'il vous plait</impp:note>\n"
            + "    <impp:timestamp>2001-10-27T16:49:29Z</impp:timestamp>\n"
            + "  </impp:tuple>\n"
            + "  <impp:note xml:lang=\"en\">I'll be in Tokyo next week</impp:note>\n"
            + "</impp:presence>\n";

    /** RFC 3863 §5 minimal example. */
    static final String RFC3863_SIMPLE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\n"
            + "    entity=\"pres:someone@example.com\">\n"
            + "  <tuple id=\"sg89ae\">\n"
            + "    <status>\n"
            + "      <basic>open</basic>\n"
            + "    </status>\n"
            + "    <contact priority=\"0.8\">tel:+09012345678</contact>\n"
            + "  </tuple>\n"
            + "</presence>\n";

    /** RFC 4480 §4 style example: rich person, devices and several tuples. */
    static final String RFC4480_RICH = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\n"
            + "     xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"\n"
            + "     xmlns:lt=\"urn:ietf:params:xml:ns:location-type\"\n"
            + "     xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\"\n"
            + "     entity=\"pres:someone@example.com\">\n"
            + "  <tuple id=\"bs35r9\">\n"
            + "    <status><basic>open</basic></status>\n"
            + "    <dm:deviceID>urn:device:0003ba4811e3</dm:deviceID>\n"
            + "    <rpid:relationship><rpid:self/></rpid:relationship>\n"
            + "    <rpid:service-class><rpid:electronic/></rpid:service-class>\n"
            + "    <contact priority=\"0.8\">im:someone@mobilecarrier.net</contact>\n"
            + "    <timestamp>2005-05-30T22:00:29Z</timestamp>\n"
            + "  </tuple>\n"
            + "  <tuple id=\"ty4658\">\n"
            + "    <status><basic>open</basic></status>\n"
            + "    <rpid:relationship><rpid:assistant/></rpid:relationship>\n"
            + "    <contact priority=\"1.0\">mailto:secretary@example.com</contact>\n"
            + "  </tuple>\n"
            + "  <dm:person id=\"p1\">\n"
            + "    <rpid:activities from=\"2005-05-30T12:00:00+05:00\" until=\"2005-05-30T17:00:00+05:00\">\n"
            + "      <rpid:note>Far away</rpid:note>\n"
            + "      <rpid:away/>\n"
            + "    </rpid:activities>\n"
            + "    <rpid:class>calendar</rpid:class>\n"
            + "    <rpid:mood><rpid:angry/><rpid:other>brooding</rpid:other></rpid:mood>\n"
            + "    <rpid:place-type><lt:residence/></rpid:place-type>\n"
            + "    <rpid:privacy><rpid:unknown/></rpid:privacy>\n"
            + "    <rpid:time-offset>-240</rpid:time-offset>\n"
            + "    <dm:note>Scoring 120</dm:note>\n"
            + "    <dm:timestamp>2005-05-30T22:02:44+05:00</dm:timestamp>\n"
            + "  </dm:person>\n"
            + "  <dm:device id=\"pc122\">\n"
            + "    <rpid:user-input idle-threshold=\"600\" last-input=\"2004-10-21T13:20:00.000-05:00\">idle</rpid:user-input>\n"
            + "    <dm:deviceID>urn:device:0003ba4811e3</dm:deviceID>\n"
            + "    <dm:note>PC</dm:note>\n"
            + "  </dm:device>\n"
            + "</presence>\n";

    /** A PIDF document with one person carrying exactly the given RPID activity. */
    static String withActivity(String activity) {
        return "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\""
                + " xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"sip:carol@example.com\">"
                + "<tuple id=\"a1\"><status><basic>open</basic></status></tuple>"
                + "<dm:person id=\"b1\"><rpid:activities><rpid:" + activity + "/></rpid:activities></dm:person>"
                + "</presence>";
    }
}
