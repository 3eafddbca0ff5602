package io.waihu.backend.it.support;

/** A softphone command failed or timed out; the message holds the page's reason and recent log. */
public final class SoftphoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SoftphoneException(String message) {
        super(message);
    }
}
