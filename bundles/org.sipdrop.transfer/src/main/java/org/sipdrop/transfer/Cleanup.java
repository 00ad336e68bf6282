package org.sipdrop.transfer;

/**
 * What a storage session does with what it stored when it is closed.
 *
 * @since 0.2
 */
public enum Cleanup {
    /** Leave it; the storage's own lifetime ends it. */
    KEEP,
    /** Remove it: every recipient has fetched it, refused it, or the offer expired. */
    DELETE
}
