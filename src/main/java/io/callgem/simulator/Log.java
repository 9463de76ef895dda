package io.callgem.simulator;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * printf-style logging over java.util.logging. The simulator avoids org.jboss.logging so that it
 * also runs from the packaged application's {@code lib/main} and {@code app} folders alone (the
 * command line in docs/simulator.md); inside Quarkus, JUL goes to Quarkus' log manager.
 */
final class Log {

    private final Logger logger;

    private Log(Class<?> owner) {
        this.logger = Logger.getLogger(owner.getName());
    }

    static Log of(Class<?> owner) {
        return new Log(owner);
    }

    void debugf(String format, Object... args) {
        log(Level.FINE, null, format, args);
    }

    void debugf(Throwable cause, String format, Object... args) {
        log(Level.FINE, cause, format, args);
    }

    void infof(String format, Object... args) {
        log(Level.INFO, null, format, args);
    }

    void warnf(String format, Object... args) {
        log(Level.WARNING, null, format, args);
    }

    void error(String message, Throwable cause) {
        logger.logp(Level.SEVERE, logger.getName(), null, message, cause);
    }

    private void log(Level level, Throwable cause, String format, Object... args) {
        if (logger.isLoggable(level)) {
            logger.logp(level, logger.getName(), null, String.format(Locale.ROOT, format, args), cause);
        }
    }
}
