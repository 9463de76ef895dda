package io.callgem.component.internal;

/**
 * One EO subscription (a campaign, a tenant, or a pair) and what became of it on the current connection. Written on
 * the connection's event loop, read by health checks: fields are volatile.
 */
public final class Subscription {

    public enum Status {
        /** Not sent on the current connection yet. */
        PENDING,
        /** EO written; CallGem did not reject it. */
        SENT,
        /** CallGem answered ER. */
        FAILED,
        /** EE sent, waiting for EF. */
        ENDING,
        /** EF received. */
        ENDED
    }

    private final String campaign;
    private final String tenant;
    private volatile String transactionId;
    private volatile Status status = Status.PENDING;
    private volatile String lastError;

    public Subscription(String campaign, String tenant) {
        this.campaign = campaign;
        this.tenant = tenant;
    }

    public String campaign() {
        return campaign;
    }

    public String tenant() {
        return tenant;
    }

    public String transactionId() {
        return transactionId;
    }

    public Status status() {
        return status;
    }

    public String lastError() {
        return lastError;
    }

    /** A new connection: a fresh TX, the last error of the previous connection is kept until an EO succeeds. */
    public void renew(String newTransactionId) {
        this.transactionId = newTransactionId;
        this.status = Status.PENDING;
    }

    public void sent() {
        if (status == Status.PENDING) {
            status = Status.SENT;
            lastError = null;
        }
    }

    public void failed(String error) {
        this.status = Status.FAILED;
        this.lastError = error;
    }

    public void ending() {
        status = Status.ENDING;
    }

    public void ended() {
        status = Status.ENDED;
    }

    /** "campaign=Sales1", "tenant=T1" or "campaign=Sales1,tenant=T1". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (campaign != null) {
            sb.append("campaign=").append(campaign);
        }
        if (tenant != null) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append("tenant=").append(tenant);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe() + " tx=" + transactionId + " " + status + (lastError == null ? "" : " (" + lastError + ")");
    }
}
