package io.callgem.simulator;

import io.callgem.protocol.EnumerateOutcomes;
import io.callgem.protocol.ErrorReply;
import io.callgem.protocol.Outcome;
import io.callgem.protocol.OutcomeWriter;
import io.callgem.protocol.SdmpFrameEncoder;
import io.callgem.protocol.SdmpMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Every subscription of the simulator, attached or away, and the backlogs of persist tokens;
 * routes outcomes to them. One lock guards it all, so an outcome is either delivered to a
 * subscriber or kept for it, never both, and a replay goes out before anything newer.
 */
final class Subscriptions {

    private static final Log LOG = Log.of(Subscriptions.class);

    private final Object lock = new Object();
    private final List<Subscription> all = new ArrayList<>();
    private final Map<PersistKey, Backlog> backlogs = new HashMap<>();
    private final int historyBound;
    private final OutcomeWriter writer;
    private final Runnable changed;

    /**
     * @param historyBound outcomes kept per persist token while away
     * @param writer writes outcomes as OZ messages
     * @param changed called after subscriptions change (wakes the emitter)
     */
    Subscriptions(int historyBound, OutcomeWriter writer, Runnable changed) {
        this.historyBound = historyBound;
        this.writer = writer;
        this.changed = changed;
    }

    /**
     * Registers an accepted EO on {@code connection} (called on its event loop). With a persist
     * token, the token's previous subscription is replaced and what it kept is written at once.
     *
     * @return an ER when the TX is already enumerating on this connection, else null
     */
    ErrorReply subscribe(ClientConnection connection, EnumerateOutcomes eo, int replayOverlap) {
        synchronized (lock) {
            for (Subscription s : all) {
                if (s.connection() == connection && s.transactionId().equals(eo.transactionId())) {
                    return new ErrorReply(eo.transactionId(), RequestRules.DUPLICATE_TRANSACTION,
                            "TX already enumerating");
                }
            }
            Backlog backlog = null;
            if (eo.persistToken() != null) {
                PersistKey key = new PersistKey(eo.persistToken(), eo.campaign(), eo.tenant());
                backlog = backlogs.computeIfAbsent(key, k -> new Backlog(k, historyBound));
                Subscription previous = backlog.owner();
                if (previous != null) {
                    all.remove(previous);
                    if (previous.connection() != null) {
                        LOG.infof("Persist token %s taken over by a new EO (TX %s)", key.persistToken(),
                                eo.transactionId());
                    }
                    previous.end();
                }
            }
            Subscription subscription = new Subscription(eo, connection, backlog);
            all.add(subscription);
            LOG.debugf("Subscribed %s on %s", subscription, connection);
            if (backlog != null) {
                backlog.owner(subscription);
                List<SdmpMessage> replay = backlog.takeReplay(replayOverlap);
                if (!replay.isEmpty()) {
                    List<Delivery> deliveries = new ArrayList<>(replay.size());
                    for (SdmpMessage m : replay) {
                        deliveries.add(new Delivery(subscription, m));
                    }
                    connection.deliver(deliveries);
                }
            }
        }
        changed.run();
        return null;
    }

    /** Ends the enumeration {@code transactionId} of {@code connection} (EE); false when there is none. */
    boolean end(ClientConnection connection, String transactionId) {
        boolean found = false;
        synchronized (lock) {
            for (Subscription s : all) {
                if (s.connection() == connection && s.transactionId().equals(transactionId)) {
                    all.remove(s);
                    s.end();
                    Backlog backlog = s.backlog();
                    if (backlog != null && backlog.owner() == s) {
                        backlogs.remove(backlog.key());
                    }
                    found = true;
                    break;
                }
            }
        }
        changed.run();
        return found;
    }

    /**
     * The connection is gone: its plain subscriptions end, the persistent ones go away and
     * keep outcomes from now on. Idempotent.
     */
    void disconnected(ClientConnection connection) {
        synchronized (lock) {
            all.removeIf(s -> {
                if (s.connection() != connection) {
                    return false;
                }
                if (s.backlog() != null) {
                    s.detach();
                    return false;
                }
                s.end();
                return true;
            });
        }
        changed.run();
    }

    /**
     * Routes outcomes: each goes to every matching subscription, written under its TX when
     * attached, kept in its backlog when away. Writes are handed to each connection's event
     * loop in one batch per connection.
     *
     * @return how many (outcome, subscription) pairs were routed
     */
    int route(List<Outcome> outcomes) {
        synchronized (lock) {
            Map<ClientConnection, List<Delivery>> batches = new LinkedHashMap<>();
            int routed = forEachMatch(outcomes, (s, oz) -> {
                ClientConnection connection = s.connection();
                if (connection != null) {
                    batches.computeIfAbsent(connection, c -> new ArrayList<>()).add(new Delivery(s, oz));
                } else if (s.away()) {
                    s.backlog().keep(oz);
                }
            });
            submit(batches);
            return routed;
        }
    }

    /**
     * The deliveries of {@code outcomes} to the subscriptions attached now, each frame encoded
     * for its connection, to be handed over later by {@link #submit} (a prepared flood).
     */
    Map<ClientConnection, List<Delivery>> encode(List<Outcome> outcomes) {
        synchronized (lock) {
            Map<ClientConnection, List<Delivery>> batches = new LinkedHashMap<>();
            forEachMatch(outcomes, (s, oz) -> {
                ClientConnection connection = s.connection();
                if (connection != null) {
                    SdmpFrameEncoder encoder = connection.encoder();
                    Delivery delivery = new Delivery(s, oz);
                    batches.computeIfAbsent(connection, c -> new ArrayList<>())
                            .add(encoder == null ? delivery : delivery.encoded(encoder));
                }
            });
            return batches;
        }
    }

    /**
     * Calls {@code match} for each outcome and each subscription it matches, in routing order,
     * with the outcome written as an OZ once (its TX is replaced per subscription on the wire).
     * Under the lock.
     *
     * @return how many (outcome, subscription) pairs matched
     */
    private int forEachMatch(List<Outcome> outcomes, BiConsumer<Subscription, SdmpMessage> match) {
        int matched = 0;
        for (Outcome outcome : outcomes) {
            SdmpMessage oz = null;
            for (Subscription s : all) {
                if (s.matches(outcome)) {
                    if (oz == null) {
                        oz = writer.write(outcome);
                    }
                    match.accept(s, oz);
                    matched++;
                }
            }
        }
        return matched;
    }

    /**
     * Hands each connection its deliveries, remembered as delivered by their persist tokens.
     * Under the lock, so batches reach each event loop in routing order.
     */
    void submit(Map<ClientConnection, List<Delivery>> batches) {
        synchronized (lock) {
            for (List<Delivery> batch : batches.values()) {
                for (Delivery delivery : batch) {
                    Backlog backlog = delivery.subscription().backlog();
                    if (backlog != null) {   // then the delivery has its outcome, prepared or not
                        backlog.delivered(delivery.outcome());
                    }
                }
            }
            batches.forEach(ClientConnection::submit);
        }
    }

    /** A delivery its connection could not write: kept when its subscriber is away with a token. */
    void undeliverable(Delivery delivery) {
        synchronized (lock) {
            Subscription s = delivery.subscription();
            if (s.away() && s.backlog() != null && s.backlog().owner() == s) {
                s.backlog().keep(delivery.outcome());
            }
        }
    }

    /** The EOs of attached subscriptions, oldest first. */
    List<EnumerateOutcomes> active() {
        synchronized (lock) {
            List<EnumerateOutcomes> active = new ArrayList<>();
            for (Subscription s : all) {
                if (s.connection() != null) {
                    active.add(s.request());
                }
            }
            return active;
        }
    }

    /** Whether anyone listens: an attached subscription, or an away one with a token. */
    boolean any() {
        synchronized (lock) {
            return !all.isEmpty();
        }
    }

    /** Whether every connection with a subscription can take more now (backpressure). */
    boolean connectionsReady() {
        synchronized (lock) {
            Map<ClientConnection, Boolean> seen = new IdentityHashMap<>();
            for (Subscription s : all) {
                ClientConnection c = s.connection();
                if (c != null && seen.put(c, Boolean.TRUE) == null && !c.ready()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Outcomes kept for away subscribers now. */
    long waiting() {
        synchronized (lock) {
            return backlogs.values().stream().mapToLong(Backlog::waiting).sum();
        }
    }

    /** Outcomes dropped from full backlogs so far (of tokens still known). */
    long dropped() {
        synchronized (lock) {
            return backlogs.values().stream().mapToLong(Backlog::dropped).sum();
        }
    }
}
