package org.sipdrop.transport.msrp.internal.codec;

/** MSRP status codes (RFC 4975 §10, RFC 4976 §5) and the reason phrases we send with them. */
public final class MsrpStatus {

    /** 200: the transaction succeeded (RFC 4975 §10.1). */
    public static final int OK = 200;

    /** 400: the request was malformed (RFC 4975 §10.2). */
    public static final int BAD_REQUEST = 400;

    /** 401: a relay asks for authentication of an AUTH request (RFC 4976 §5.1). */
    public static final int UNAUTHORIZED = 401;

    /** 403: the action is not allowed (RFC 4975 §10.3). */
    public static final int FORBIDDEN = 403;

    /**
     * 408: no response in time; generated locally and reported in REPORTs, never sent as a
     * transaction response on the wire (RFC 4975 §10.4, §7.1.1).
     */
    public static final int REQUEST_TIMEOUT = 408;

    /** 413: the receiver wants the sender to stop sending this message (RFC 4975 §10.5). */
    public static final int MESSAGE_TOO_LARGE = 413;

    /** 415: the media type is not understood (RFC 4975 §10.6). */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;

    /** 423: a parameter (e.g. Expires) is out of bounds (RFC 4975 §10.7, RFC 4976 §5.3). */
    public static final int OUT_OF_BOUNDS = 423;

    /** 481: the session does not exist (RFC 4975 §10.8). */
    public static final int SESSION_DOES_NOT_EXIST = 481;

    /** 501: the method is not understood (RFC 4975 §10.9, §12). */
    public static final int NOT_IMPLEMENTED = 501;

    /** 506: the session is already bound to another connection (RFC 4975 §10.10). */
    public static final int SESSION_ALREADY_BOUND = 506;

    private MsrpStatus() {
    }

    /**
     * @param code a status code
     * @return the reason phrase we use for it; a generic one for unknown codes
     */
    public static String reason(int code) {
        switch (code) {
            case OK:
                return "OK";
            case BAD_REQUEST:
                return "Bad Request";
            case UNAUTHORIZED:
                return "Unauthorized";
            case FORBIDDEN:
                return "Forbidden";
            case REQUEST_TIMEOUT:
                return "Request Timeout";
            case MESSAGE_TOO_LARGE:
                return "Message Too Large";
            case UNSUPPORTED_MEDIA_TYPE:
                return "Unsupported Media Type";
            case OUT_OF_BOUNDS:
                return "Parameter Out Of Bounds";
            case SESSION_DOES_NOT_EXIST:
                return "Session Does Not Exist";
            case NOT_IMPLEMENTED:
                return "Method Not Implemented";
            case SESSION_ALREADY_BOUND:
                return "Session Already Bound";
            default:
                return code >= 200 && code < 300 ? "Success" : "Error";
        }
    }

    /**
     * @param code a status code
     * @return true for 2xx (RFC 4975 §10)
     */
    public static boolean isSuccess(int code) {
        return code >= 200 && code < 300;
    }

    /** @return the transport failure reason an MSRP error status stands for */
    public static org.sipdrop.transfer.TransportException.Reason reasonOf(int status) {
        switch (status) {
            case MESSAGE_TOO_LARGE:
                return org.sipdrop.transfer.TransportException.Reason.TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE:
                return org.sipdrop.transfer.TransportException.Reason.UNSUPPORTED_TYPE;
            case FORBIDDEN:
            case UNAUTHORIZED:
                return org.sipdrop.transfer.TransportException.Reason.FORBIDDEN;
            case SESSION_DOES_NOT_EXIST:
                return org.sipdrop.transfer.TransportException.Reason.NOT_FOUND;
            default:
                return org.sipdrop.transfer.TransportException.Reason.BROKEN;
        }
    }
}
