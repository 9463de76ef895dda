package io.callgem.component.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The subscriptions of one consumer and the TX each uses on the current connection.
 * <p>
 * One EO per campaign; one EO per tenant when tenants are set without campaigns; one EO per campaign and tenant pair
 * when both are set.
 */
public final class Subscriptions {

    private final List<Subscription> all;

    public Subscriptions(List<String> campaigns, List<String> tenants) {
        List<Subscription> list = new ArrayList<>();
        if (campaigns.isEmpty()) {
            tenants.forEach(t -> list.add(new Subscription(null, t)));
        } else if (tenants.isEmpty()) {
            campaigns.forEach(c -> list.add(new Subscription(c, null)));
        } else {
            for (String c : campaigns) {
                for (String t : tenants) {
                    list.add(new Subscription(c, t));
                }
            }
        }
        this.all = Collections.unmodifiableList(list);
    }

    public List<Subscription> all() {
        return all;
    }

    /** The subscription whose current TX is the given one, or null. */
    public Subscription byTransactionId(String tx) {
        if (tx == null) {
            return null;
        }
        for (Subscription s : all) {
            if (tx.equals(s.transactionId())) {
                return s;
            }
        }
        return null;
    }

    public boolean anyFailed() {
        return all.stream().anyMatch(s -> s.status() == Subscription.Status.FAILED);
    }

    /** True when no subscription is still waiting for its EF. */
    public boolean noneEnding() {
        return all.stream().noneMatch(s -> s.status() == Subscription.Status.ENDING);
    }
}
