package org.sipdrop.session;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Signs users in (a DS service): many sessions may be open in one JVM, each with its own
 * endpoint, as a test with two users or a demo needs.
 */
@ProviderType
public interface UserSessionFactory {

    /**
     * Opens the endpoint, registers the account and waits for the registrar's answer, then
     * attaches the file-transfer agent and the presence client. Nothing is published until
     * {@link UserSession#publish} is called.
     *
     * @throws SessionException with a one-line reason when the endpoint cannot open, the
     *         registrar does not answer in {@link SessionConfig#answerTimeout()} or refuses; nothing stays open then
     */
    UserSession open(SessionConfig config) throws SessionException;
}
