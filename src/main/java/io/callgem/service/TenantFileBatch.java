package io.callgem.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Route step of the files sink for a whole {@link OutcomeBatch}: the outcomes the
 * {@code filesDelivered} ledger has not seen are appended, one write per tenant file of the day,
 * in arrival order, and only then remembered (a crash in between must not lose a line; the
 * ids already at the end of a file are read back before this process first writes to it, so
 * the batch is not appended twice either). A file
 * that cannot be written fails the step after the files before it were written and remembered,
 * so the route can go on one outcome at a time without repeating those.
 */
@ApplicationScoped
@Named("tenantFileBatch")
@RegisterForReflection
public class TenantFileBatch implements Processor {

    private record TenantDay(String tenantDir, String date) {
    }

    @Inject
    TenantFiles files;

    @Inject
    @Named("filesDelivered")
    DeliveredIds delivered;

    @Inject
    OutcomeMetrics metrics;

    @Inject
    SinkHealth health;

    /**
     * How much of the end of a file is read back, the first time this process writes to it, for
     * lines a crashed process appended but had not yet remembered: its last batch (500 outcomes
     * at most) is well within it unless the documents are very large.
     */
    static final int RECENT_BYTES = 4 * 1024 * 1024;

    /** The files of the day whose recent lines are in the ledger, in this process. */
    private final Set<TenantDay> reconciled = ConcurrentHashMap.newKeySet();

    @Override
    public void process(Exchange exchange) throws Exception {
        ServiceHelper.startService(delivered); // a no-op once the routes have started it
        // an outcome's id decides its tenant and day: a repeated id is always in the same file
        Map<TenantDay, List<OutcomeBatch.Line>> byFile = new LinkedHashMap<>();
        for (OutcomeBatch.Line line : OutcomeBatch.lines(exchange)) {
            byFile.computeIfAbsent(new TenantDay(line.tenantDir(), line.date()), k -> new ArrayList<>()).add(line);
        }
        for (TenantDay day : byFile.keySet()) {
            reconcile(day);
        }
        for (Map.Entry<TenantDay, List<OutcomeBatch.Line>> file : byFile.entrySet()) {
            List<OutcomeBatch.Line> batch = delivered.unseen(file.getValue(), OutcomeBatch.Line::outcomeId);
            if (batch.isEmpty()) {
                continue;
            }
            files.append(file.getKey().tenantDir(), file.getKey().date(),
                    batch.stream().map(OutcomeBatch.Line::document).toList());
            delivered.addAll(batch.stream().map(OutcomeBatch.Line::outcomeId).toList());
            batch.forEach(line -> metrics.delivered("files", line.tenant()));
            health.delivered("files");
        }
    }

    /**
     * A crash between appending a batch and remembering it (the documented window) would append
     * the batch again when the inbox redelivers it: the ids of the lines already at the end of
     * the file go into the ledger first.
     */
    private void reconcile(TenantDay day) throws IOException {
        if (reconciled.contains(day)) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (String document : files.recentLines(day.tenantDir(), day.date(), RECENT_BYTES)) {
            try {
                ids.add(OutcomeBatch.line(document).outcomeId());
            } catch (RuntimeException notAnOutcome) {
                // a line someone else wrote: nothing to remember
            }
        }
        delivered.addAll(ids);
        reconciled.add(day);
    }
}
