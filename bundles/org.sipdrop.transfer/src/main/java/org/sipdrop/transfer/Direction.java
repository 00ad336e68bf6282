package org.sipdrop.transfer;

/** Which way the bytes of a transfer move, seen from this user (RFC 5547 push and pull alike). */
public enum Direction {
    /** This user sends the file. */
    OUTGOING,
    /** This user receives the file. */
    INCOMING
}
