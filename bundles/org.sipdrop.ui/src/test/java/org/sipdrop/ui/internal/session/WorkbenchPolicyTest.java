package org.sipdrop.ui.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferService;

class WorkbenchPolicyTest {

    /** The transfer service's part of the policy: its mode, and a size limit of 1000 bytes when one is set. */
    private static final TransferService SERVICE = (TransferService) Proxy.newProxyInstance(
            WorkbenchPolicyTest.class.getClassLoader(), new Class<?>[] { TransferService.class }, (proxy, method, args) -> {
                if (!method.getName().equals("acceptancePolicy")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                String mode = (String) args[0];
                boolean limited = args[1] != null;
                AcceptancePolicy p = (sender, offer) -> {
                    if (limited && offer.size() > 1000) {
                        return Decision.reject(Decision.NOT_ACCEPTABLE_HERE, "File too large");
                    }
                    return mode.equals("all") ? Decision.accept() : mode.equals("ask") ? Decision.ask()
                            : Decision.reject(Decision.DECLINE, "Not accepting files");
                };
                return p;
            });

    private final List<String> contacts = new CopyOnWriteArrayList<>(List.of("sip:bob@example.com"));

    private static FileOffer offer(String type, long size) {
        return FileOffer.builder("report", size).mediaType(type).build();
    }

    @Test
    void trustedModeAcceptsContactsAndAsksAboutOthers() {
        WorkbenchPolicy p = WorkbenchPolicy.of(SERVICE, "trusted", null, List.of(), () -> contacts);
        assertEquals(Decision.Kind.ACCEPT, p.decide("sip:bob@example.com", offer("text/plain", 10)).kind());
        assertEquals(Decision.Kind.ACCEPT, p.decide("sips:BOB@example.com", offer("text/plain", 10)).kind());
        assertEquals(Decision.Kind.ASK, p.decide("sip:mallory@example.com", offer("text/plain", 10)).kind());
    }

    @Test
    void trustedModeFollowsTheContactsAsTheyChange() {
        WorkbenchPolicy p = WorkbenchPolicy.of(SERVICE, "trusted", null, List.of(), () -> contacts);
        contacts.add("sip:carol@example.com");
        assertEquals(Decision.Kind.ACCEPT, p.decide("sip:carol@example.com", offer("text/plain", 10)).kind());
    }

    @Test
    void sizeLimitAppliesEvenToTrustedContacts() {
        WorkbenchPolicy p = WorkbenchPolicy.of(SERVICE, "trusted", "1000", List.of(), () -> contacts);
        assertEquals(Decision.Kind.REJECT, p.decide("sip:bob@example.com", offer("text/plain", 5000)).kind());
    }

    @Test
    void rejectsATypeOutsideTheAcceptedRangesWith488NamingThem() {
        WorkbenchPolicy p = WorkbenchPolicy.of(SERVICE, "all", null, List.of("image/*", "text/plain"), () -> contacts);
        Decision d = p.decide("sip:bob@example.com", offer("application/zip", 10));
        assertEquals(Decision.Kind.REJECT, d.kind());
        assertEquals(Decision.NOT_ACCEPTABLE_HERE, d.reason().orElseThrow().status());
        assertTrue(d.reason().orElseThrow().reason().contains("image/*"), d.toString());
        assertEquals(Decision.Kind.ACCEPT, p.decide("sip:x@y", offer("image/png", 10)).kind());
        assertTrue(WorkbenchPolicy.matches("text/plain", "text/plain; charset=utf-8"));
    }

    @Test
    void malformedTypeOrModeIsRefusedWithTheAcceptedForms() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> WorkbenchPolicy.of(SERVICE, "ask", null, List.of("image"), () -> contacts));
        assertTrue(type.getMessage().contains("image/*"), type.getMessage());
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
                () -> WorkbenchPolicy.of(SERVICE, "sometimes", null, List.of(), () -> contacts));
        assertTrue(mode.getMessage().contains("ask, trusted, all or none"), mode.getMessage());
    }

    @Test
    void rangeMatchingIsByTypeAndSubtype() {
        assertTrue(WorkbenchPolicy.matches("image/*", "image/png"));
        assertFalse(WorkbenchPolicy.matches("image/*", "imagex/png"));
        assertTrue(WorkbenchPolicy.matches("*/*", "application/octet-stream"));
        assertFalse(WorkbenchPolicy.matches("text/plain", "text/html"));
    }
}
