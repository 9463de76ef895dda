package io.callgem.simulator;

import io.callgem.protocol.EnumerateOutcomes;
import io.callgem.protocol.Outcome;

/**
 * One accepted EO. While its connection is open it receives matching outcomes under its TX;
 * a subscription with a persist token outlives its connection ("away") and collects outcomes
 * in its {@link Backlog} until an EO with the same token comes back.
 *
 * <p>Matching: the CN and TD filters, when given, must equal the outcome's campaign and tenant;
 * an outcome with RE 10 (connected) is a success and needs SO, any other is a failure and needs
 * FO. State changes happen under the {@link Subscriptions} lock.
 */
final class Subscription {

    private static final int CONNECTED = 10;

    private final EnumerateOutcomes request;
    private final Backlog backlog;
    private volatile ClientConnection connection;
    private volatile boolean ended;

    Subscription(EnumerateOutcomes request, ClientConnection connection, Backlog backlog) {
        this.request = request;
        this.connection = connection;
        this.backlog = backlog;
    }

    EnumerateOutcomes request() {
        return request;
    }

    String transactionId() {
        return request.transactionId();
    }

    /** The backlog of its persist token, or null without PS. */
    Backlog backlog() {
        return backlog;
    }

    /** The connection it is delivered on; null while away or after it ended. */
    ClientConnection connection() {
        return connection;
    }

    boolean away() {
        return connection == null && !ended;
    }

    boolean ended() {
        return ended;
    }

    void detach() {
        connection = null;
    }

    void end() {
        connection = null;
        ended = true;
    }

    boolean matches(Outcome outcome) {
        if (request.campaign() != null && !request.campaign().equals(outcome.campaign())) {
            return false;
        }
        if (request.tenant() != null && !request.tenant().equals(outcome.tenant())) {
            return false;
        }
        boolean success = outcome.reason() != null && outcome.reason() == CONNECTED;
        return success ? request.successes() : request.failures();
    }

    @Override
    public String toString() {
        return "Subscription[TX=" + request.transactionId() + ", CN=" + request.campaign() + ", TD="
                + request.tenant() + ", PS=" + request.persistToken() + (away() ? ", away" : "") + "]";
    }
}
