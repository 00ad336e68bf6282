package org.sipdrop.ui.internal.session;

/** Why signing in failed, in one line a user can act on. */
public final class SignInFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public SignInFailure(String message) {
        super(message);
    }

    public SignInFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
