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
}
