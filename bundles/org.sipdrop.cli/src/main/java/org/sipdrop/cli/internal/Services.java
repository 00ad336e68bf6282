package org.sipdrop.cli.internal;

import java.time.Duration;
import java.util.Optional;

/** The OSGi services a command uses, waited for up to a bound (DS activates asynchronously). */
public interface Services {

    <S> Optional<S> await(Class<S> type, Duration timeout);

    /**
     * @param filter an LDAP filter on the service properties (RFC 4515 syntax, as in OSGi)
     * @return a service of that type whose properties match, once one is registered
     */
    <S> Optional<S> await(Class<S> type, String filter, Duration timeout);

    /**
     * @param filter an LDAP filter on the service properties
     * @return whether a service of that type whose properties match is registered now, without
     *         getting it (a delayed component is not activated); false where there is no registry
     */
    default boolean registered(Class<?> type, String filter) {
        return false;
    }
}
