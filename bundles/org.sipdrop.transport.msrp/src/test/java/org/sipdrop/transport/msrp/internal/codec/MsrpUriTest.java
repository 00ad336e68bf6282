package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MsrpUriTest {

    @Test
    void parsesAllPartsOfAnMsrpUri() {
        MsrpUri u = MsrpUri.parse("msrp://bob@biloxi.example.com:12763/kjhd37s2s20w2a;tcp;foo=bar");
        assertFalse(u.isSecure());
        assertEquals("bob", u.userinfo().orElseThrow());
        assertEquals("biloxi.example.com", u.host());
        assertEquals(12763, u.port());
        assertEquals("kjhd37s2s20w2a", u.sessionId().orElseThrow());
        assertEquals("tcp", u.transport());
        assertEquals(List.of("foo=bar"), u.parameters());
        assertEquals("msrp://bob@biloxi.example.com:12763/kjhd37s2s20w2a;tcp;foo=bar", u.toString());
    }

    @Test
    void parsesMsrpsWithIpv6LiteralAndNoPort() {
        MsrpUri u = MsrpUri.parse("msrps://[2001:db8::7]/a+b=c/d;tcp");
        assertTrue(u.isSecure());
        assertEquals("2001:db8::7", u.host());
        assertEquals(-1, u.port());
        assertEquals(MsrpUri.DEFAULT_PORT, u.effectivePort());
        assertEquals("a+b=c/d", u.sessionId().orElseThrow());
    }

    @Test
    void relayUriMayLackSessionId() {
        MsrpUri relay = MsrpUri.parse("msrps://relay.example.com:2855;tcp");
        assertTrue(relay.sessionId().isEmpty());
        assertNotEquals(relay, MsrpUri.parse("msrps://relay.example.com:2855/x;tcp"));
    }

    @Test
    void buildsUrisWithBracketsForIpv6() {
        assertEquals("msrp://[::1]:7777/s1;tcp", MsrpUri.of(false, "::1", 7777, "s1").toString());
        assertEquals("msrps://h.example;tcp", MsrpUri.of(true, "h.example", -1, null).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:bob@example.com", "http://host/x;tcp", "msrp://host/sid", "msrp://host/;tcp",
        "msrp://host:/s;tcp", "msrp://host:99999/s;tcp", "msrp://[::1/s;tcp", "msrp://[nothex]/s;tcp",
        "msrp://host/s id;tcp", "msrp://host/s;", "msrp://host/s;t-cp", "msrp://ho st/s;tcp", "msrp:///s;tcp",
        "msrp://a@b@host/s;tcp", "msrp://host/s;tcp;=x"})
    void rejectsMalformedUris(String text) {
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.parse(text));
    }

    @Test
    void comparesSchemeHostAndTransportCaseInsensitively() {
        assertEquals(MsrpUri.parse("msrp://Host.Example.COM:1/abc;tcp"),
                MsrpUri.parse("MSRP://host.example.com:1/abc;TCP"));
        assertEquals(MsrpUri.parse("msrp://Host.Example.COM:1/abc;tcp").hashCode(),
                MsrpUri.parse("MSRP://host.example.com:1/abc;TCP").hashCode());
    }

    @Test
    void comparesSessionIdCaseSensitively() {
        assertNotEquals(MsrpUri.parse("msrp://h:1/abc;tcp"), MsrpUri.parse("msrp://h:1/ABC;tcp"));
    }

    @Test
    void explicitPortNeverEqualsAbsentPort() {
        assertNotEquals(MsrpUri.parse("msrp://h:2855/abc;tcp"), MsrpUri.parse("msrp://h/abc;tcp"));
        assertNotEquals(MsrpUri.parse("msrp://h:1/abc;tcp"), MsrpUri.parse("msrp://h:2/abc;tcp"));
    }

    @Test
    void msrpAndMsrpsNeverMatch() {
        assertNotEquals(MsrpUri.parse("msrp://h:1/abc;tcp"), MsrpUri.parse("msrps://h:1/abc;tcp"));
    }

    @Test
    void ignoresUserinfoAndParametersWhenComparing() {
        assertEquals(MsrpUri.parse("msrp://alice@h:1/abc;tcp;x=y"), MsrpUri.parse("msrp://h:1/abc;tcp"));
    }

    @Test
    void comparesIpLiteralsAsAddresses() {
        assertEquals(MsrpUri.parse("msrp://[2001:DB8:0:0::7]:9/s;tcp"), MsrpUri.parse("msrp://[2001:db8::7]:9/s;tcp"));
        assertNotEquals(MsrpUri.parse("msrp://[::1]:9/s;tcp"), MsrpUri.parse("msrp://[::2]:9/s;tcp"));
        assertEquals(MsrpUri.parse("msrp://192.0.2.1:9/s;tcp"), MsrpUri.parse("msrp://192.0.2.1:9/s;tcp"));
    }

    @Test
    void decodesPercentEncodedUnreservedCharactersInHost() {
        assertEquals(MsrpUri.parse("msrp://h%41st:9/s;tcp"), MsrpUri.parse("msrp://hast:9/s;tcp"));
    }

    @Test
    void differentTransportsNeverMatch() {
        assertNotEquals(MsrpUri.parse("msrp://h:9/s;tcp"), MsrpUri.parse("msrp://h:9/s;sctp"));
    }

    @Test
    void requestMatchesSessionByRightmostToPathUri() {
        MsrpUri local = MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp");
        List<MsrpUri> viaRelay = MsrpUri.parsePath(
                "msrps://relay.example.com:2855;tcp msrp://BOB.example.com:8888/9di4eae923wzd;TCP", 16);
        assertTrue(local.sessionMatches(viaRelay));
        assertFalse(local.sessionMatches(MsrpUri.parsePath("msrp://bob.example.com:8888/other;tcp", 16)));
        assertFalse(local.sessionMatches(List.of()));
    }

    @Test
    void senderIsRightmostFromPathUri() {
        MsrpUri remote = MsrpUri.parse("msrps://[2001:db8::1]:7777/iau39soe2843z;tcp");
        assertTrue(remote.isOriginatorOf(MsrpUri.parsePath(
                "msrps://relay.example.com;tcp msrps://[2001:db8:0::1]:7777/iau39soe2843z;tcp", 16)));
        assertFalse(remote.isOriginatorOf(MsrpUri.parsePath("msrps://[2001:db8::1]:7777/iau39soe2843z;tcp "
                + "msrps://relay.example.com;tcp", 16)));
    }

    @Test
    void pathRoundTripsAndIsBounded() {
        String path = "msrp://a.example:1/x1;tcp msrps://b.example:2/y2;tcp";
        assertEquals(path, MsrpUri.formatPath(MsrpUri.parsePath(path, 2)));
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.parsePath(path, 1));
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.parsePath(path.replace(" ", "  "), 4));
    }
}
