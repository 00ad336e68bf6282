package org.sipdrop.transport.msrp.internal.codec;

/** MSRP method names ({@code method = mSEND / mREPORT / other-method}, RFC 4975 §9). */
public final class MsrpMethod {

    /** SEND carries message content (RFC 4975 §7.1.1). */
    public static final String SEND = "SEND";

    /** REPORT carries delivery status (RFC 4975 §7.1.2). */
    public static final String REPORT = "REPORT";

    /** AUTH asks a relay for a path (RFC 4976 §5). */
    public static final String AUTH = "AUTH";

    private MsrpMethod() {
    }

    /**
     * @param method a method token
     * @return true for methods this codec knows; others must be answered 501 (RFC 4975 §12)
     */
    public static boolean isKnown(String method) {
        return SEND.equals(method) || REPORT.equals(method) || AUTH.equals(method);
    }

    /**
     * @param method a candidate method token
     * @return true if it is {@code 1*UPALPHA} (RFC 4975 §9)
     */
    public static boolean isValid(String method) {
        return method != null && Syntax.isMethod(method);
    }
}
