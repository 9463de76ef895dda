package io.callgem.simulator;

import io.callgem.protocol.SdmpMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What CallGem keeps for one persist token: the outcomes that arrived while the subscriber was
 * away (bounded, like a dialer's hour of history: beyond the bound the oldest is dropped and
 * logged) and the last outcomes delivered, for the replay-overlap fault. Messages are kept
 * without TX; a replay carries the TX of the EO that asked for it. Guarded by the
 * {@link Subscriptions} lock.
 */
final class Backlog {

    private static final Log LOG = Log.of(Backlog.class);
    /** How many delivered outcomes are remembered for the replay-overlap fault. */
    static final int RECENT_LIMIT = 1000;

    private final PersistKey key;
    private final int bound;
    private final ArrayDeque<SdmpMessage> waiting = new ArrayDeque<>();
    private final ArrayDeque<SdmpMessage> recent = new ArrayDeque<>();
    private long dropped;
    private long droppedSinceReplay;
    private Subscription owner;

    Backlog(PersistKey key, int bound) {
        this.key = key;
        this.bound = bound;
    }

    PersistKey key() {
        return key;
    }

    /** The subscription that uses this token now (attached or away). */
    Subscription owner() {
        return owner;
    }

    void owner(Subscription subscription) {
        this.owner = subscription;
    }

    /** Keeps an outcome for the away subscriber, dropping the oldest beyond the bound. */
    void keep(SdmpMessage outcome) {
        if (bound == 0) {
            countDrop(outcome);
            return;
        }
        if (waiting.size() >= bound) {
            countDrop(waiting.removeFirst());
        }
        waiting.addLast(outcome);
    }

    private void countDrop(SdmpMessage outcome) {
        dropped++;
        droppedSinceReplay++;
        if (droppedSinceReplay == 1 || droppedSinceReplay % 1000 == 0) {
            LOG.warnf("Persist token %s: history full (%d outcomes), dropped the oldest (SI=%s); %d dropped while away",
                    key.persistToken(), bound, outcome.get("SI"), droppedSinceReplay);
        }
    }

    /** Remembers an outcome delivered to the attached subscriber. */
    void delivered(SdmpMessage outcome) {
        if (recent.size() >= RECENT_LIMIT) {
            recent.removeFirst();
        }
        recent.addLast(outcome);
    }

    /**
     * Takes what a re-subscription gets first: the last {@code overlap} delivered outcomes (the
     * replay-overlap fault, usually 0), then everything kept while away, oldest first.
     */
    List<SdmpMessage> takeReplay(int overlap) {
        List<SdmpMessage> replay = new ArrayList<>(Math.min(overlap, recent.size()) + waiting.size());
        int skip = Math.max(0, recent.size() - overlap);
        int i = 0;
        for (SdmpMessage m : recent) {
            if (i++ >= skip) {
                replay.add(m);
            }
        }
        if (droppedSinceReplay > 0) {
            LOG.warnf("Persist token %s: replaying %d outcomes; %d older ones were dropped while away",
                    key.persistToken(), waiting.size(), droppedSinceReplay);
        }
        replay.addAll(waiting);
        for (SdmpMessage m : waiting) {
            delivered(m);
        }
        waiting.clear();
        droppedSinceReplay = 0;
        return replay;
    }

    int waiting() {
        return waiting.size();
    }

    long dropped() {
        return dropped;
    }
}
