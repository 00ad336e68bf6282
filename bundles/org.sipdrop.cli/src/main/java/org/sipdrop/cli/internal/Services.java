package org.sipdrop.cli.internal;

import java.time.Duration;
import java.util.Optional;

/** The OSGi services a command uses, waited for up to a bound (DS activates asynchronously). */
public interface Services {

    <S> Optional<S> await(Class<S> type, Duration timeout);
}
