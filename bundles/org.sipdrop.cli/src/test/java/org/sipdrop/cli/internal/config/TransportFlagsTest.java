package org.sipdrop.cli.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sipdrop.cli.internal.Options;
import org.sipdrop.cli.internal.UsageException;
import org.sipdrop.configuration.Setting;
import org.sipdrop.configuration.TransportDescription;

/** Metatype attribute definitions → {@code --SCHEME-SETTING} flags: names, types, defaults, secrets, aliases. */
class TransportFlagsTest {

    /** The shared-folder example's settings, and a flag, a token and a PIN, as its metatype would describe them. */
    static TransportDescription file() {
        return new TransportDescription("file", "Shared folder", "org.sipdrop.transport.file", "Shared folder", List.of(
                new Setting("folder", "Shared folder", "Root of the share", Setting.Type.STRING, Optional.empty(), true),
                new Setting("max.size", "Largest file", "Largest file stored, in bytes", Setting.Type.LONG,
                        Optional.of("4294967296"), false),
                new Setting("verify", "Verify", "Check after copying", Setting.Type.BOOLEAN, Optional.of("true"), false),
                new Setting(".token", "Token", "Share token", Setting.Type.STRING, Optional.of("s3cret"), false),
                new Setting("pin", "PIN", "Share PIN", Setting.Type.PASSWORD, Optional.empty(), false)));
    }

    private static TransportDescription storage() {
        return new TransportDescription("http", "HTTP storage", "org.sipdrop.transport.http", "", List.of(
                new Setting("base.url", "Storage URL", "Storage base URL", Setting.Type.STRING, Optional.of(""), false),
                new Setting("user", "User", "Storage user", Setting.Type.STRING, Optional.of(""), false),
                new Setting(".password", "Password", "Storage password", Setting.Type.PASSWORD, Optional.of(""), false)));
    }

    private static Options parse(TransportFlags flags, String... args) throws UsageException {
        return Options.parse(List.of(args), Set.of(), flags.valued());
    }

    @Test
    void flagNamesAreTheSchemeAndTheIdWithDashesWithoutThePrivateDot() throws Exception {
        TransportFlags flags = TransportFlags.derive(List.of(file()));
        assertEquals(Set.of("file-folder", "file-max-size", "file-verify", "file-token", "file-pin"), flags.valued());
    }

    @Test
    void valuesBecomeTheTypesTheConfigurationExpects() throws Exception {
        TransportFlags flags = TransportFlags.derive(List.of(file()));
        List<GivenSettings> given = flags.given(parse(flags, "--file-folder", "/mnt/share", "--file-max-size=1024",
                "--file-verify", "FALSE", "--file-token", "t"));
        assertEquals(1, given.size());
        assertEquals(Map.of("folder", "/mnt/share", "max.size", 1024L, "verify", false, ".token", "t"), given.get(0).properties());
        assertEquals("org.sipdrop.transport.file", given.get(0).transport().pid());
    }

    @Test
    void aTransportWithoutFlagsKeepsItsConfiguration() throws Exception {
        TransportFlags flags = TransportFlags.derive(List.of(file(), storage()));
        assertTrue(flags.given(parse(flags)).isEmpty());
        assertEquals(List.of("org.sipdrop.transport.http"),
                flags.given(parse(flags, "--http-user", "u")).stream().map(g -> g.transport().pid()).toList());
    }

    @Test
    void wrongTypesAndMissingRequiredSettingsAreUsageErrorsNamingTheFlag() throws Exception {
        TransportFlags flags = TransportFlags.derive(List.of(file()));
        UsageException number = assertThrows(UsageException.class,
                () -> flags.given(parse(flags, "--file-folder", "/x", "--file-max-size", "big")));
        assertTrue(number.getMessage().startsWith("--file-max-size: 'big' is not a long number"), number.getMessage());
        UsageException bool = assertThrows(UsageException.class,
                () -> flags.given(parse(flags, "--file-folder", "/x", "--file-verify", "yes")));
        assertTrue(bool.getMessage().contains("not true or false"), bool.getMessage());
        UsageException required = assertThrows(UsageException.class, () -> flags.given(parse(flags, "--file-max-size", "1")));
        assertTrue(required.getMessage().contains("needs --file-folder TEXT"), required.getMessage());
    }

    @Test
    void passwordsAndPrivatePropertiesAreSecretAndNeverShown() throws Exception {
        TransportDescription t = file();
        Setting token = t.setting(".token").orElseThrow();
        Setting pin = t.setting("pin").orElseThrow();
        assertTrue(token.secret(), "a leading dot is a private property");
        assertTrue(pin.secret(), "type Password");
        assertFalse(t.setting("folder").orElseThrow().secret());
        assertEquals(Setting.MASK, pin.shown("1234"));
        assertEquals("PASSWORD", pin.placeholder());
        TransportFlags flags = TransportFlags.derive(List.of(t));
        String help = String.join("\n", flags.help());
        assertFalse(help.contains("s3cret"), "a secret's default never shows: " + help);
        assertTrue(help.contains("--file-max-size N"), help);
        assertTrue(help.contains("Largest file stored, in bytes (default 4294967296)"), help);
        assertTrue(help.contains("--file-folder TEXT") && help.contains("(required)"), help);
        GivenSettings given = flags.given(parse(flags, "--file-folder", "/x", "--file-pin", "1234", "--file-token", "t0k3n")).get(0);
        assertFalse(given.toString().contains("1234") || given.toString().contains("t0k3n"), given.toString());
    }

    @Test
    void oldFlagNamesAreAliasesOfTheDerivedOnes() throws Exception {
        TransportFlags flags = TransportFlags.derive(List.of(storage()));
        assertTrue(flags.valued().containsAll(Set.of("storage", "storage-user", "storage-password", "http-base-url")));
        assertFalse(flags.valued().contains("storage-trust-store"), "an alias exists only for a flag that exists");
        GivenSettings g = flags.given(parse(flags, "--storage", "http://h/dav/", "--storage-user", "u", "--http-password", "p")).get(0);
        assertEquals(Map.of("base.url", "http://h/dav/", "user", "u", ".password", "p"), g.properties());
        assertThrows(UsageException.class, () -> flags.given(parse(flags, "--storage", "http://a/", "--http-base-url", "http://b/")));
        assertTrue(String.join("\n", flags.help()).contains("(also --storage)"));
    }

    @Test
    void withoutTransportsThereAreNoFlags() throws Exception {
        TransportFlags flags = TransportFlags.derive(List.of());
        assertTrue(flags.valued().isEmpty());
        assertThrows(UsageException.class, () -> Options.parse(List.of("--storage", "x"), Set.of(), flags.valued()));
    }
}
