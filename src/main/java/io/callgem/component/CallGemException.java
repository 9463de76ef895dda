package io.callgem.component;

/**
 * Base of the exceptions the callgem: component sets on exchanges, so routes can branch with onException.
 */
public class CallGemException extends Exception {

    public CallGemException(String message) {
        super(message);
    }

    public CallGemException(String message, Throwable cause) {
        super(message, cause);
    }
}
