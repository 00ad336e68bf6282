package org.sipdrop.configuration;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One attribute a transport describes for its configuration (an OSGi Metatype {@code AD},
 * Compendium 105.7): what front ends turn into a {@code --SCHEME-NAME} flag or a preference field.
 *
 * @param id the configuration property, e.g. {@code max.size} or the private {@code .password}
 * @param name a short label, e.g. {@code Largest file}
 * @param description one line for help texts and tool tips
 * @param type the value's type
 * @param defaultValue the default as text, if any
 * @param required whether the transport needs a value that has no default
 */
public record Setting(String id, String name, String description, Type type, Optional<String> defaultValue, boolean required) {

    /** Metatype attribute types (Compendium 105.7.2 {@code AD type}) that SipDrop's forms render. */
    public enum Type {
        STRING, LONG, INTEGER, SHORT, BYTE, DOUBLE, FLOAT, BOOLEAN, CHAR, PASSWORD;

        /** @return the type for a metatype {@code type} attribute, e.g. {@code Password}; unknown ones are text */
        public static Type of(String metatype) {
            for (Type t : values()) {
                if (t.name().equalsIgnoreCase(metatype)) {
                    return t;
                }
            }
            return STRING;
        }

        /** @return whether values are whole or decimal numbers */
        public boolean numeric() {
            return this != STRING && this != BOOLEAN && this != CHAR && this != PASSWORD;
        }
    }

    /** Shown instead of a secret's value. */
    public static final String MASK = "********";

    /** Requires an id and a type. */
    public Setting {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
    }

    /**
     * @return whether the value is a secret: type {@code Password}, or a private property (a
     *         leading {@code .}, which DS never copies to service properties, Compendium 112.6;
     *         {@code _} in a method name maps to it)
     */
    public boolean secret() {
        return type == Type.PASSWORD || id.startsWith(".") || id.startsWith("_");
    }

    /** @return the flag's name after the scheme: {@code .tls.key.store.password} gives {@code tls-key-store-password} */
    public String flagSuffix() {
        return id.replaceFirst("^[._]+", "").replaceAll("[._]+", "-").toLowerCase(Locale.ROOT);
    }

    /** @return how help texts name the value: {@code N}, {@code true|false}, {@code PASSWORD}, {@code TEXT} */
    public String placeholder() {
        if (secret()) {
            return "PASSWORD";
        }
        if (type == Type.BOOLEAN) {
            return "true|false";
        }
        return type.numeric() ? "N" : "TEXT";
    }

    /**
     * @return {@code text} as the property value DS expects for this type ({@code Long},
     *         {@code Integer}, {@code Boolean}…)
     * @throws IllegalArgumentException with a message a user can act on
     */
    public Object parse(String text) {
        String t = text.trim();
        try {
            switch (type) {
            case LONG: return Long.valueOf(t);
            case INTEGER: return Integer.valueOf(t);
            case SHORT: return Short.valueOf(t);
            case BYTE: return Byte.valueOf(t);
            case DOUBLE: return Double.valueOf(t);
            case FLOAT: return Float.valueOf(t);
            case BOOLEAN:
                if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("'" + text + "' is not true or false");
                }
                return Boolean.valueOf(t);
            case CHAR:
                if (t.length() != 1) {
                    throw new IllegalArgumentException("'" + text + "' is not one character");
                }
                return t.charAt(0);
            default: return text;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + type.name().toLowerCase(Locale.ROOT) + " number");
        }
    }

    /** @return {@code value} as a user may see it: secrets masked, never echoed */
    public String shown(Object value) {
        return secret() && value != null && !String.valueOf(value).isEmpty() ? MASK : String.valueOf(value);
    }
}
