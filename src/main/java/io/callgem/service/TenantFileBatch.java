package io.callgem.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
        Map<String, String> tenantDirs = new HashMap<>();   // a batch has a few tenants: each made safe once
        TenantDay last = null;
        List<OutcomeBatch.Line> lastLines = null;
        for (OutcomeBatch.Line line : OutcomeBatch.lines(exchange)) {
            String tenantDir = tenantDirs.computeIfAbsent(line.tenant(), TenantDirectory::of);
            if (last == null || !last.tenantDir().equals(tenantDir) || !last.date().equals(line.date())) {
                last = new TenantDay(tenantDir, line.date());
                lastLines = byFile.computeIfAbsent(last, k -> new ArrayList<>());
            }
            lastLines.add(line);
        }
        for (TenantDay day : byFile.keySet()) {
            reconcile(day);
        }
        for (Map.Entry<TenantDay, List<OutcomeBatch.Line>> file : byFile.entrySet()) {
            List<OutcomeBatch.Line> batch = delivered.unseen(file.getValue(), OutcomeBatch.Line::outcomeId);
            if (batch.isEmpty()) {
                continue;
            }
            List<String> documents = new ArrayList<>(batch.size());
            List<String> ids = new ArrayList<>(batch.size());
            for (OutcomeBatch.Line line : batch) {
                documents.add(line.document());
                ids.add(line.outcomeId());
            }
            files.append(file.getKey().tenantDir(), file.getKey().date(), documents);
            delivered.addAll(ids);
            countDelivered(batch);
            health.delivered("files");
        }
    }

    /** The batch's deliveries per tenant (a file's lines are nearly always one tenant's): one count per run. */
    private void countDelivered(List<OutcomeBatch.Line> batch) {
        String tenant = null;
        int run = 0;
        for (OutcomeBatch.Line line : batch) {
            if (!line.tenant().equals(tenant)) {
                if (run > 0) {
                    metrics.delivered("files", tenant, run);
                }
                tenant = line.tenant();
                run = 0;
            }
            run++;
        }
        if (run > 0) {
            metrics.delivered("files", tenant, run);
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
