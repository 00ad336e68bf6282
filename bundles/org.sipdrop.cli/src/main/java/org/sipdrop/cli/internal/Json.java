package org.sipdrop.cli.internal;

import java.util.List;
import java.util.Map;

/** Minimal JSON writing for {@code --json} output lines (RFC 8259 string escaping). */
public final class Json {

    private Json() {
    }

    /** @return one JSON object; values may be String, Number, Boolean, null or List of those */
    public static String object(Map<String, ?> fields) {
        StringBuilder b = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(string(k)).append(':').append(value(v));
        });
        return b.append('}').toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : (List<?>) v) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(value(o));
            }
            return b.append(']').toString();
        }
        return string(v.toString());
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
            case '"':
                b.append("\\\"");
                break;
            case '\\':
                b.append("\\\\");
                break;
            case '\n':
                b.append("\\n");
                break;
            case '\r':
                b.append("\\r");
                break;
            case '\t':
                b.append("\\t");
                break;
            default:
                if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
